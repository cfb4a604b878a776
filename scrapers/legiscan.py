"""LegiScan API: kratom bills in every state, with their stage and last action.

getSearch pages through every bill of the current and recent sessions matching the query, 50
to a page, each with a `change_hash`; getBill gives the status code, progress, session and
history. A bill whose `change_hash` is the one the last good run saw is not asked for again, so
a run costs one query per search page plus one per changed bill. Each query counts against the
monthly budget the service keeps (`LEGISCAN_MONTHLY_QUERIES`); past it the run stops.

LegiScan's full-text search also returns bills that mention kratom in passing (an insurance or
health-care bill whose text lists it), so a bill becomes a proposal only when its own title or
description is about kratom (`scrapers.classify`). Without an API key the source reports itself
disabled.
"""

from __future__ import annotations

from .base import Scraper, SourceSetting, Trust, clean, parse_day
from .classify import read
from .errors import ParseError
from .places import us_state_id

# LegiScan's bill status codes, and its progress event 9 ("Refer": sent to committee).
STATUS_STAGES = {
    2: "passed_one_chamber",
    3: "awaiting_signature",
    4: "enacted",
    5: "failed",
    6: "failed",
}
REFERRED = 9
QUERY = "kratom OR mitragynine OR hydroxymitragynine"
SEARCH_YEAR = 3  # getSearch `year`: 2 is the current session only, 3 adds the recent ones
MAX_PAGES = 20


def stage_of(bill: dict) -> str:
    status = bill.get("status")
    if status in STATUS_STAGES:
        return STATUS_STAGES[status]
    events = [p.get("event") for p in bill.get("progress") or [] if isinstance(p, dict)]
    return "in_committee" if events and events[-1] == REFERRED else "introduced"


def session_of(bill: dict) -> str | None:
    """`2025-2026` (or `2026`) from the bill's session years."""
    session = bill.get("session") if isinstance(bill.get("session"), dict) else {}
    start, end = session.get("year_start"), session.get("year_end")
    if not isinstance(start, int) or start < 1900:
        return None
    return f"{start}-{end}" if isinstance(end, int) and end > start else str(start)


class LegiScan(Scraper):
    name = "legiscan"
    title = "LegiScan API (state bills)"
    home_url = "https://legiscan.com/"
    base_url = "https://api.legiscan.com"
    trust = Trust("secondary", "medium")
    needs = (
        SourceSetting(
            "LEGISCAN_API_KEY",
            "api_key",
            "LegiScan API key. Without one the legiscan source reports itself disabled.",
        ),
        SourceSetting(
            "LEGISCAN_MONTHLY_QUERIES",
            "count",
            "Queries the legiscan source may make in a calendar month (UTC), counted in the "
            "database across processes; a run that would pass it stops and fails. The free "
            "public key allows 30,000.",
            default=30_000,
        ),
    )
    quota = "LEGISCAN_MONTHLY_QUERIES"
    interval_minutes = 720
    robots_txt = False  # a keyed API for programs, used under its own terms

    def disabled_reason(self) -> str | None:
        if not self.settings.get("LEGISCAN_API_KEY"):
            return "no LegiScan API key (LEGISCAN_API_KEY)"
        return None

    def _call(self, key: str, **params):
        return self.fetch(key, "/", {"key": self.settings["LEGISCAN_API_KEY"], **params})

    def scrape(self):
        for found in self._search():
            self.records_read += 1
            key = f"bill-{found['bill_id']}.json"
            memo = self.memo.get(key)
            if memo is not None and memo.tag and memo.tag == found.get("change_hash"):
                self.keep(key)  # LegiScan says the bill has not changed: no query
                continue
            page = self.tag(self._call(key, op="getBill", id=found["bill_id"]),
                            found.get("change_hash"))  # fmt: skip
            if not page.unchanged:
                observation = self._observe(page, _answer(page, "bill"))
                if observation is not None:
                    yield observation
        self.keep_remaining("bill-")

    def _search(self):
        """The results of every page; pages the last good run saw unchanged give none (their
        bills kept their change hashes, so none of them needs asking again)."""
        total = 1
        number = 1
        while number <= min(total, MAX_PAGES):
            key = f"search-{number}.json"
            page = self._call(key, op="getSearch", state="ALL", query=QUERY,
                              year=SEARCH_YEAR, page=number)  # fmt: skip
            if page.unchanged:
                memo = self.memo.get(key)
                total = int(memo.tag) if memo is not None and (memo.tag or "").isdigit() else total
                self.tag(page, memo.tag if memo is not None else None)
            else:
                results, total = _results(page)
                self.tag(page, str(total))
                yield from results
            number += 1

    def _observe(self, page, bill: dict):
        jurisdiction = us_state_id(str(bill.get("state", "")))
        if jurisdiction is None or not bill.get("bill_number"):
            raise ParseError(f"{page.key}: bill without a known state or number")
        reading = read(bill.get("title"), bill.get("description"))
        if not reading.relevant:
            return None
        history = [h for h in bill.get("history") or [] if isinstance(h, dict)]
        last = history[-1] if history else {}
        return self.observe(
            page,
            native_id=str(bill["bill_id"]),
            excerpt=clean(bill.get("description") or bill.get("title")),
            kind="proposal",
            jurisdiction_id=jurisdiction,
            source_url=bill.get("state_link") or bill.get("url"),
            substances=reading.substances,
            identifier=bill["bill_number"],
            session=session_of(bill),
            title=clean(bill.get("title"))[:300] or bill["bill_number"],
            stage=stage_of(bill),
            proposed_status=reading.proposed_status,
            min_age=reading.min_age,
            last_action=clean(last.get("action"))[:300] or None,
            last_action_date=parse_day(last.get("date") or bill.get("status_date")),
        )


def _results(page) -> tuple[list[dict], int]:
    found = _answer(page, "searchresult")
    summary = found.get("summary") if isinstance(found.get("summary"), dict) else {}
    results = [v for k, v in found.items() if k != "summary" and isinstance(v, dict)]
    if any("bill_id" not in r for r in results):
        raise ParseError(f"{page.key}: a search result has no bill_id")
    total = summary.get("page_total", 1)
    if not isinstance(total, int) or total < 0:
        raise ParseError(f"{page.key}: the search summary has no page_total")
    return results, total


def _answer(page, field: str) -> dict:
    """The `field` of an answer. The API says `"status": "OK"`; LegiScan's weekly dataset files
    hold the same `bill` records without a status, and are read too."""
    payload = page.json()
    dataset = isinstance(payload, dict) and "status" not in payload and field in payload
    if not isinstance(payload, dict) or (payload.get("status") != "OK" and not dataset):
        alert = (payload.get("alert") or {}) if isinstance(payload, dict) else {}
        raise ParseError(f"{page.key}: LegiScan refused: {alert.get('message', 'no OK status')}")
    if not isinstance(payload.get(field), dict):
        raise ParseError(f"{page.key}: no `{field}` in the LegiScan answer")
    return payload[field]
