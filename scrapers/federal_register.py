"""Federal Register documents API: DEA and HHS scheduling documents on kratom alkaloids.

A `Rule` document is law from its `effective_on` date (a federal rule); a `Proposed Rule` or
`Notice` is only a proposal. DEA publishes its notices of intent to schedule temporarily as
proposed rules, so the `action` line, not the type, tells the stage.
"""

from __future__ import annotations

import re
from datetime import date

from .base import Scraper, Trust, clean, parse_day
from .errors import ParseError
from .places import US

TERMS = ("mitragynine", "7-hydroxymitragynine", "kratom")
SINCE = "2024-01-01"
FIELDS = (
    "document_number", "title", "type", "abstract", "action", "publication_date",
    "effective_on", "html_url", "agencies",
)  # fmt: skip
MAX_PAGES = 5
DERIVATIVES = re.compile(r"pseudoindoxyl|mgm-1[56]", re.I)
STAGES = (
    (re.compile(r"notice of intent", re.I), "notice_of_intent"),
    (re.compile(r"comment|request for information", re.I), "comment_period"),
    (re.compile(r"proposed rule", re.I), "proposed_rule"),
)


def substances_of(title: str) -> tuple[tuple[str, ...], str]:
    """Which substances a scheduling document reaches, and the status it gives them."""
    lowered = title.lower()
    if "7-hydroxymitragynine" in lowered:
        leaf = "mitragynine and" in lowered or "kratom" in lowered
        return (("kratom", "7-oh") if leaf else ("7-oh",)), "banned"
    if DERIVATIVES.search(title):
        # Other compounds (mitragynine pseudoindoxyl, MGM-15, MGM-16): context beside the
        # answer, never a rule on kratom or 7-OH products.
        return (), None
    return ("kratom", "7-oh"), "banned"


def temporary_end(title: str, start: date) -> date | None:
    """21 U.S.C. 811(h): a temporary scheduling order lapses after two years unless extended."""
    if "temporary placement" not in title.lower():
        return None
    return start.replace(year=start.year + 2, day=min(start.day, 28 if start.month == 2 else 31))


class FederalRegister(Scraper):
    name = "federal_register"
    title = "Federal Register documents API"
    home_url = "https://www.federalregister.gov/"
    base_url = "https://www.federalregister.gov"
    trust = Trust("authoritative", "high")
    interval_minutes = 360
    robots_txt = False  # a documented API for programs, used under its own terms

    def scrape(self):
        seen: set[str] = set()
        for term in TERMS:
            for page in self._pages(term):
                for document in self._documents(page):
                    if document["document_number"] not in seen:
                        seen.add(document["document_number"])
                        yield from self._observe(page, document)

    def _pages(self, term: str):
        params = [
            ("conditions[term]", f'"{term}"'),
            ("conditions[publication_date][gte]", SINCE),
            ("order", "newest"),
            ("per_page", "100"),
            *(("fields[]", name) for name in FIELDS),
        ]
        for number in range(1, MAX_PAGES + 1):
            paged = [*params, ("page", str(number))]
            page = self.fetch(f"search-{term}-{number}.json", "/api/v1/documents.json", paged)
            if page.unchanged:
                return
            yield page
            if not page.json().get("next_page_url"):
                return

    def _documents(self, page) -> list[dict]:
        payload = page.json()
        results = payload.get("results", []) if isinstance(payload, dict) else None
        if not isinstance(results, list) or not all(isinstance(d, dict) for d in results):
            raise ParseError(f"{page.key}: no `results` list in the Federal Register answer")
        missing = [d for d in results if not d.get("document_number") or not d.get("type")]
        if missing:
            raise ParseError(f"{page.key}: a document lacks its number or type")
        return [d for d in results if "schedul" in (d.get("title") or "").lower()]

    def _observe(self, page, document: dict):
        title = clean(document.get("title"))
        number = document["document_number"]
        common = {
            "jurisdiction_id": US,
            "native_id": number,
            "source_url": document.get("html_url"),
            "citation": f"FR {number}",
            "excerpt": f"{document['type']}: {title}. {clean(document.get('abstract'))}",
        }
        if document["type"] == "Rule":
            yield from self._rules(page, document, title, common)
        elif document["type"] in ("Proposed Rule", "Notice"):
            yield from self._proposal(page, document, title, common)

    def _rules(self, page, document: dict, title: str, common: dict):
        substances, status = substances_of(title)
        start = parse_day(document.get("effective_on") or document.get("publication_date"))
        if start is None:
            raise ParseError(f"{page.key}: rule {common['native_id']} has no date")
        for substance in substances:
            yield self.observe(
                page, kind="rule", substance=substance, status=status, effective_from=start,
                effective_until=temporary_end(title, start), **common,
            )  # fmt: skip

    def _proposal(self, page, document: dict, title: str, common: dict):
        substances, status = substances_of(title)
        if not substances:
            return
        yield self.observe(
            page, kind="proposal", substances=substances, title=title[:300],
            identifier=common["citation"], stage=_stage(document), proposed_status=status,
            last_action=clean(document.get("action"))[:300] or document["type"],
            last_action_date=parse_day(document.get("publication_date")), **common,
        )  # fmt: skip


def _stage(document: dict) -> str:
    text = f"{document.get('action') or ''} {document.get('title') or ''}"
    for pattern, stage in STAGES:
        if pattern.search(text):
            return stage
    return "proposed_rule" if document["type"] == "Proposed Rule" else "unknown"
