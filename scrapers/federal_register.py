"""Federal Register documents API: DEA and HHS scheduling documents on kratom alkaloids.

A `Rule` document is law from its `effective_on` date (a federal rule); a `Proposed Rule` or
`Notice` is only a proposal. DEA prints its notices of intent to schedule temporarily, and their
withdrawals, under Proposed Rules, so the `action` line and the title, not the type, tell the
stage. They are read in this order: a correction (`correction_of`, or an action or title saying
"correction") is never a document of its own; a withdrawal is never a notice of intent, whatever
else its title says; FDA's requests for comments on international (WHO) scheduling and paperwork
notices propose no US status and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .base import Scraper, Trust, clean, parse_day
from .errors import ParseError
from .places import US

TERMS = ("mitragynine", "7-hydroxymitragynine", "kratom")
SINCE = "2016-01-01"  # DEA's 2016 notice of intent and its withdrawal are part of the record
FIELDS = (
    "document_number", "title", "type", "abstract", "action", "publication_date",
    "effective_on", "html_url", "agencies", "correction_of", "docket_ids",
)  # fmt: skip
MAX_PAGES = 5
_I = re.IGNORECASE
ABOUT = re.compile(r"mitragyn|hydroxymitragynine|kratom|\bmgm-1[56]\b", _I)
SCHEDULING = re.compile(r"schedul|controlled substance|temporary placement", _I)
CORRECTION = re.compile(r"\bcorrect(?:ion|ions|ing)\b", _I)
WITHDRAWAL = re.compile(r"\bwithdraw", _I)
NOT_A_US_PROPOSAL = re.compile(
    r"international drug scheduling|convention on psychotropic|single convention on narcotic"
    r"|world health organization|information collection|paperwork reduction",
    _I,
)
DERIVATIVES = re.compile(r"pseudoindoxyl|mgm-1[56]", _I)
STAGES = (
    (re.compile(r"notice of intent", _I), "notice_of_intent"),
    (re.compile(r"comment|request for information", _I), "comment_period"),
    (re.compile(r"proposed rule", _I), "proposed_rule"),
)


@dataclass(frozen=True)
class Reading:
    """What one document is: `kind` is `rule`, `proposal`, `withdrawal`, `correction` or
    `other` (not about kratom, or proposing no US status)."""

    kind: str
    stage: str | None = None
    substances: tuple[str, ...] = ()
    status: str | None = None
    corrects: str | None = None

    @property
    def relevant(self) -> bool:
        return self.kind in ("rule", "proposal", "withdrawal")


def substances_of(title: str) -> tuple[tuple[str, ...], str | None]:
    """Which substances a scheduling document reaches, and the status it gives them."""
    lowered = title.lower()
    if "7-hydroxymitragynine" in lowered:
        leaf = "mitragynine and" in lowered or "kratom" in lowered
        return (("kratom", "7-oh") if leaf else ("7-oh",)), "banned"
    if DERIVATIVES.search(title):
        # Other compounds (mitragynine pseudoindoxyl, MGM-15, MGM-16): law beside the answer,
        # never a rule on kratom or 7-OH products.
        return (), None
    return ("kratom", "7-oh"), "banned"


def read(document: dict) -> Reading:
    """Classify one document from its title, action, type and `correction_of`."""
    title, action = clean(document.get("title")), clean(document.get("action"))
    about = ABOUT.search(title) or ABOUT.search(clean(document.get("abstract")))
    text = f"{action} {title}"
    if document.get("correction_of") or CORRECTION.search(text):
        return Reading("correction", corrects=document.get("correction_of"))
    if not about or NOT_A_US_PROPOSAL.search(title) or not SCHEDULING.search(text):
        return Reading("other")
    substances, status = substances_of(title)
    if not substances:
        return Reading("other")
    if WITHDRAWAL.search(text):
        return Reading("withdrawal", "withdrawn", substances)
    if document.get("type") == "Rule":
        return Reading("rule", "enacted", substances, status)
    return Reading("proposal", _stage(document), substances, status)


def temporary_end(title: str, start: date) -> date | None:
    """21 U.S.C. 811(h): a temporary scheduling order lapses after two years unless extended."""
    if "temporary placement" not in title.lower():
        return None
    return start.replace(year=start.year + 2, day=min(start.day, 28 if start.month == 2 else 31))


def withdrawn_docket(docket: str) -> str:
    """DEA numbers a withdrawal's docket after the notice it withdraws: DEA-442W withdraws
    DEA-442."""
    return re.sub(r"(\d)W\b", r"\1", docket)


class FederalRegister(Scraper):
    name = "federal_register"
    title = "Federal Register documents API"
    home_url = "https://www.federalregister.gov/"
    base_url = "https://www.federalregister.gov"
    trust = Trust("authoritative", "high")
    interval_minutes = 360
    robots_txt = False  # a documented API for programs, used under its own terms

    def scrape(self):
        documents: dict[str, tuple] = {}
        for term in TERMS:
            for page in self._pages(term):
                for document in self._documents(page):
                    documents.setdefault(document["document_number"], (page, document))
        yield from self._observe_all(list(documents.values()))

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
        results = payload.get("results") if isinstance(payload, dict) else None
        if results is None and isinstance(payload, dict) and payload.get("count") == 0:
            results = []  # an empty search may leave `results` out
        if not isinstance(results, list) or not all(isinstance(d, dict) for d in results):
            raise ParseError(f"{page.key}: no `results` list in the Federal Register answer")
        missing = [d for d in results if not d.get("document_number") or not d.get("type")]
        if missing:
            raise ParseError(f"{page.key}: a document lacks its number or type")
        self.records_read += len(results)
        return results

    def _observe_all(self, found: list[tuple]):
        readings = {doc["document_number"]: read(doc) for _page, doc in found}
        withdrawn = _withdrawn(found, readings)
        corrected = _corrections(found, readings)
        for page, document in found:
            number = document["document_number"]
            reading = readings[number]
            if reading.kind in ("rule", "proposal"):
                yield from self._observe(page, document, reading, withdrawn.get(number),
                                         corrected.get(number, ()))  # fmt: skip
            elif reading.kind == "withdrawal" and not _used(document, withdrawn):
                yield self._proposal(page, document, reading, _common(document, ()))

    def _observe(self, page, document: dict, reading: Reading, withdrawal, corrections):
        common = _common(document, corrections)
        if reading.kind == "rule":
            yield from self._rules(page, document, reading, common)
        elif withdrawal is not None:
            # Shown as the notice it withdraws, now withdrawn, with the withdrawal's date.
            withdrawn = Reading("proposal", "withdrawn", reading.substances, reading.status)
            yield self._proposal(page, document, withdrawn, common, withdrawal)
        else:
            yield self._proposal(page, document, reading, common)

    def _rules(self, page, document: dict, reading: Reading, common: dict):
        title = clean(document.get("title"))
        start = parse_day(document.get("effective_on") or document.get("publication_date"))
        if start is None:
            raise ParseError(f"{page.key}: rule {common['native_id']} has no date")
        for substance in reading.substances:
            yield self.observe(
                page, kind="rule", substance=substance, status=reading.status,
                effective_from=start, effective_until=temporary_end(title, start), **common,
            )  # fmt: skip

    def _proposal(self, page, document: dict, reading: Reading, common: dict, by=None):
        last = by or document
        action = clean(last.get("action")) or (clean(last.get("title")) if by else last["type"])
        return self.observe(
            page, kind="proposal", substances=reading.substances,
            title=clean(document.get("title"))[:300], identifier=common["citation"],
            stage=reading.stage, proposed_status=reading.status,
            last_action=action[:300],
            last_action_date=parse_day(last.get("publication_date")), **common,
        )  # fmt: skip


def _common(document: dict, corrections) -> dict:
    number = document["document_number"]
    title = clean(document.get("title"))
    corrected = f" Corrected by FR {', FR '.join(corrections)}." if corrections else ""
    return {
        "jurisdiction_id": US,
        "native_id": number,
        "source_url": document.get("html_url"),
        "citation": f"FR {number}",
        "excerpt": f"{document['type']}: {title}. {clean(document.get('abstract'))}{corrected}",
    }


def _withdrawn(found: list[tuple], readings: dict) -> dict[str, dict]:
    """Each withdrawn document's number mapped to the withdrawal, matched by docket."""
    by_docket = {
        docket: doc["document_number"]
        for _page, doc in found
        if readings[doc["document_number"]].kind == "proposal"
        for docket in doc.get("docket_ids") or ()
    }
    withdrawn = {}
    for _page, doc in found:
        if readings[doc["document_number"]].kind == "withdrawal":
            for docket in doc.get("docket_ids") or ():
                target = by_docket.get(withdrawn_docket(docket))
                if target is not None:
                    withdrawn[target] = doc
    return withdrawn


def _used(withdrawal: dict, withdrawn: dict[str, dict]) -> bool:
    """The withdrawal was matched to the notice it withdraws (and shown as that notice)."""
    return any(w is withdrawal for w in withdrawn.values())


def _corrections(found: list[tuple], readings: dict) -> dict[str, list[str]]:
    corrected: dict[str, list[str]] = {}
    for _page, doc in found:
        target = readings[doc["document_number"]].corrects
        if target:
            corrected.setdefault(target, []).append(doc["document_number"])
    return corrected


def _stage(document: dict) -> str:
    text = f"{document.get('action') or ''} {document.get('title') or ''}"
    for pattern, stage in STAGES:
        if pattern.search(text):
            return stage
    return "proposed_rule" if document["type"] == "Proposed Rule" else "unknown"
