"""Open States API v3: kratom bills in every state, from its full-text bill search.

`GET /bills?q=...` searches bill texts (PostgreSQL `websearch_to_tsquery`), 20 bills to a page
(its maximum), newest update first, with each bill's actions and abstracts included. A query
that looks like a bill number ("HB 5537") is read as one by the API, so only substance names are
searched. As with LegiScan, a full-text hit becomes a proposal only when the bill's own title or
abstract is about kratom, and the stage is read from the actions' classifications (Open
Civic Data's vocabulary: `introduction`, `referral-committee`, `passage`, `executive-signature`,
`became-law`, `failure`, `withdrawal`...). The key travels in the `X-API-KEY` header, never in
a URL. Without a key the source reports itself disabled.
"""

from __future__ import annotations

import re

from .base import Scraper, SourceSetting, Trust, clean, parse_day
from .classify import read
from .errors import ParseError
from .places import us_state_id

TERMS = ("kratom", "mitragynine", "7-hydroxymitragynine")
PER_PAGE = 20  # the API's maximum for bills
MAX_PAGES = 10
# Most advanced first: the first classification found among a bill's actions decides.
STAGE_OF_ACTION = (
    ("became-law", "enacted"),
    ("executive-signature", "enacted"),
    ("executive-veto", "failed"),
    ("failure", "failed"),
    ("withdrawal", "withdrawn"),
    ("executive-receipt", "awaiting_signature"),
)


def stage_of(bill: dict) -> str:
    actions = [a for a in bill.get("actions") or [] if isinstance(a, dict)]
    kinds = {kind for action in actions for kind in action.get("classification") or ()}
    for kind, stage in STAGE_OF_ACTION:
        if kind in kinds:
            return stage
    chambers = {
        (action.get("organization") or {}).get("classification")
        for action in actions
        if "passage" in (action.get("classification") or ())
    }
    if len(chambers) >= 2:
        return "passed_legislature"
    if chambers:
        return "passed_one_chamber"
    if "referral-committee" in kinds or "committee-passage" in kinds:
        return "in_committee"
    return "introduced" if actions or bill.get("first_action_date") else "unknown"


def session_of(bill: dict) -> str | None:
    """The session's years: `2025-2026` or `2026` when the session is named by years, else the
    year of the bill's first action."""
    session = str(bill.get("session") or "")
    if re.fullmatch(r"\d{4}(-\d{4})?", session):
        return session
    first = str(bill.get("first_action_date") or "")[:4]
    return first if re.fullmatch(r"(?:19|20)\d\d", first) else None


def division_of(jurisdiction: dict) -> str | None:
    """ocd-jurisdiction/country:us/state:fl/government, named Florida, to its division id."""
    return us_state_id(str(jurisdiction.get("name") or "")) or us_state_id(
        str(jurisdiction.get("id") or "").rsplit("state:", 1)[-1].split("/")[0]
    )


class OpenStates(Scraper):
    name = "openstates"
    title = "Open States API v3 (state bills)"
    home_url = "https://openstates.org/"
    base_url = "https://v3.openstates.org"
    trust = Trust("secondary", "medium")
    needs = (
        SourceSetting(
            "OPENSTATES_API_KEY",
            "api_key",
            "Open States API v3 key. Without one the openstates source reports itself disabled.",
        ),
    )
    interval_minutes = 1440
    robots_txt = False  # a keyed API for programs, used under its own terms

    def disabled_reason(self) -> str | None:
        if not self.settings.get("OPENSTATES_API_KEY"):
            return "no Open States API key (OPENSTATES_API_KEY)"
        return None

    def scrape(self):
        seen: set[str] = set()
        for term in TERMS:
            for page, bill in self._search(term):
                self.records_read += 1
                if bill["id"] not in seen:
                    seen.add(bill["id"])
                    observation = self._observe(page, bill)
                    if observation is not None:
                        yield observation

    def _search(self, term: str):
        total, number = 1, 1
        while number <= min(total, MAX_PAGES):
            key = f"search-{term}-{number}.json"
            params = [
                ("q", term), ("sort", "updated_desc"), ("per_page", str(PER_PAGE)),
                ("page", str(number)), ("include", "actions"), ("include", "abstracts"),
            ]  # fmt: skip
            headers = {"X-API-KEY": self.settings["OPENSTATES_API_KEY"]}
            page = self.fetch(key, "/bills", params, headers=headers)
            if page.unchanged:
                memo = self.memo.get(key)
                tag = memo.tag if memo is not None else None
                total = int(tag) if (tag or "").isdigit() else total
                self.tag(page, tag)
            else:
                bills, total = _results(page)
                self.tag(page, str(total))
                yield from ((page, bill) for bill in bills)
            number += 1

    def _observe(self, page, bill: dict):
        abstracts = " ".join(
            clean(a.get("abstract")) for a in bill.get("abstracts") or [] if isinstance(a, dict)
        )
        reading = read(bill.get("title"), abstracts)
        if not reading.relevant:
            return None
        jurisdiction = division_of(bill.get("jurisdiction") or {})
        if jurisdiction is None:
            self.problem(f"{bill['id']}: jurisdiction {bill.get('jurisdiction')!r} is not a state")
            return None
        return self.observe(
            page,
            native_id=bill["id"],
            excerpt=abstracts or clean(bill.get("title")),
            kind="proposal",
            jurisdiction_id=jurisdiction,
            source_url=bill.get("openstates_url") or page.url,
            substances=reading.substances,
            identifier=clean(bill.get("identifier"))[:80],
            session=session_of(bill),
            title=clean(bill.get("title"))[:300] or clean(bill.get("identifier")),
            stage=stage_of(bill),
            proposed_status=reading.proposed_status,
            min_age=reading.min_age,
            last_action=clean(bill.get("latest_action_description"))[:300] or None,
            last_action_date=parse_day(str(bill.get("latest_action_date") or "")[:10]),
        )


def _results(page) -> tuple[list[dict], int]:
    payload = page.json()
    results = payload.get("results") if isinstance(payload, dict) else None
    pagination = payload.get("pagination") if isinstance(payload, dict) else None
    if not isinstance(results, list) or not isinstance(pagination, dict):
        raise ParseError(f"{page.key}: no `results` and `pagination` in the Open States answer")
    if not all(isinstance(b, dict) and b.get("id") and b.get("identifier") for b in results):
        raise ParseError(f"{page.key}: a bill lacks its id or identifier")
    total = pagination.get("max_page", 1)
    if not isinstance(total, int) or total < 0:
        raise ParseError(f"{page.key}: the pagination has no max_page")
    return results, total
