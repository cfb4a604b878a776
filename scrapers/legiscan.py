"""LegiScan API: kratom bills in every state, with their stage and last action.

getSearch lists matching bills with a `change_hash` each; getBill gives the status code,
progress and history. A bill whose getBill answer did not change since the last good run is
not parsed again. Without an API key the source reports itself disabled.
"""

from __future__ import annotations

from .base import Scraper, SourceSetting, Trust, clean, parse_day
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


def stage_of(bill: dict) -> str:
    status = bill.get("status")
    if status in STATUS_STAGES:
        return STATUS_STAGES[status]
    events = [p.get("event") for p in bill.get("progress") or [] if isinstance(p, dict)]
    return "in_committee" if events and events[-1] == REFERRED else "introduced"


def proposed_status_of(text: str) -> str | None:
    lowered = text.lower()
    if any(word in lowered for word in ("ban", "prohibit", "schedule i", "controlled substance")):
        return "banned"
    if any(word in lowered for word in ("consumer protection", "regulat", "licens")):
        return "regulated"
    return None


def substances_of(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    seven = "7-oh" in lowered or "hydroxymitragynine" in lowered
    leaf = "kratom" in lowered or "mitragyna" in lowered or " mitragynine" in lowered
    return ("kratom", "7-oh") if leaf and seven else ("7-oh",) if seven else ("kratom",)


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
    )
    interval_minutes = 720
    robots_txt = False  # a keyed API for programs, used under its own terms

    def disabled_reason(self) -> str | None:
        if not self.settings.get("LEGISCAN_API_KEY"):
            return "no LegiScan API key (LEGISCAN_API_KEY)"
        return None

    def _call(self, key: str, **params):
        return self.fetch(key, "/", {"key": self.settings["LEGISCAN_API_KEY"], **params})

    def scrape(self):
        search = self._call("search.json", op="getSearch", state="ALL", query="kratom")
        if search.unchanged:
            return
        for found in self._results(search):
            bill_page = self._call(
                f"bill-{found['bill_id']}.json", op="getBill", id=found["bill_id"]
            )
            if not bill_page.unchanged:
                yield self._observe(bill_page, _answer(bill_page, "bill"))

    def _results(self, page) -> list[dict]:
        found = _answer(page, "searchresult")
        results = [v for k, v in found.items() if k != "summary" and isinstance(v, dict)]
        if any("bill_id" not in r for r in results):
            raise ParseError(f"{page.key}: a search result has no bill_id")
        return results

    def _observe(self, page, bill: dict):
        jurisdiction = us_state_id(str(bill.get("state", "")))
        if jurisdiction is None or not bill.get("bill_number"):
            raise ParseError(f"{page.key}: bill without a known state or number")
        text = f"{bill.get('title') or ''} {bill.get('description') or ''}"
        history = [h for h in bill.get("history") or [] if isinstance(h, dict)]
        last = history[-1] if history else {}
        return self.observe(
            page,
            native_id=str(bill["bill_id"]),
            excerpt=clean(bill.get("description") or bill.get("title")),
            kind="proposal",
            jurisdiction_id=jurisdiction,
            source_url=bill.get("state_link") or bill.get("url"),
            substances=substances_of(text),
            identifier=bill["bill_number"],
            title=clean(bill.get("title"))[:300] or bill["bill_number"],
            stage=stage_of(bill),
            proposed_status=proposed_status_of(text),
            last_action=clean(last.get("action"))[:300] or None,
            last_action_date=parse_day(last.get("date") or bill.get("status_date")),
        )


def _answer(page, field: str) -> dict:
    payload = page.json()
    if not isinstance(payload, dict) or payload.get("status") != "OK":
        alert = (payload.get("alert") or {}) if isinstance(payload, dict) else {}
        raise ParseError(f"{page.key}: LegiScan refused: {alert.get('message', 'no OK status')}")
    if not isinstance(payload.get(field), dict):
        raise ParseError(f"{page.key}: no `{field}` in the LegiScan answer")
    return payload[field]
