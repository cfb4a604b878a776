"""Legistar Web API: kratom matters (ordinances, resolutions) of the configured city clients.

Each client is a city's Legistar tenant name mapped to its division id. Most cities have no
kratom matter at all, so an empty answer is normal here.
"""

from __future__ import annotations

from .base import Scraper, SourceSetting, Trust, clean, parse_day
from .errors import ParseError

FILTER = "substringof('kratom',MatterTitle)"
# Legistar status names vary by city; these words cover the common ones.
STAGE_WORDS = (
    (("adopt", "passed", "approved", "enacted"), "enacted"),
    (("fail", "defeat", "died"), "failed"),
    (("withdraw", "filed"), "withdrawn"),
    (("committee", "refer"), "in_committee"),
    (("hearing", "agenda"), "hearing_scheduled"),
    (("first reading",), "first_reading"),
    (("introduc", "draft", "pending"), "introduced"),
)


def stage_of(status_name: str | None) -> str:
    lowered = (status_name or "").lower()
    for words, stage in STAGE_WORDS:
        if any(word in lowered for word in words):
            return stage
    return "unknown"


def proposed_status_of(title: str) -> str | None:
    lowered = title.lower()
    if "prohibit" in lowered or "ban " in f"{lowered} ":
        return "banned"
    if "licens" in lowered or "regulat" in lowered or "age" in lowered.split():
        return "regulated"
    return None


def detail_url(client: str, matter: dict) -> str:
    """The matter's page in the city's Legistar site, the link a person would follow."""
    url = f"https://{client}.legistar.com/LegislationDetail.aspx?ID={matter['MatterId']}"
    return url + (f"&GUID={matter['MatterGuid']}" if matter.get("MatterGuid") else "")


class Legistar(Scraper):
    name = "legistar"
    title = "Legistar Web API (city matters)"
    home_url = "https://webapi.legistar.com/"
    base_url = "https://webapi.legistar.com"
    trust = Trust("secondary", "medium")
    needs = (
        SourceSetting(
            "LEGISTAR_CLIENTS",
            "clients",
            "Legistar tenants to poll, as client=ocd-division-id pairs separated by commas; `none` "
            "disables the legistar source.",
            default={
                "denver": "ocd-division/country:us/state:co/place:denver",
                "kansascity": "ocd-division/country:us/state:mo/place:kansas_city",
            },
        ),
    )
    interval_minutes = 1440
    empty_ok = True
    robots_txt = False  # a documented API for programs, used under its own terms

    def disabled_reason(self) -> str | None:
        if not self.settings.get("LEGISTAR_CLIENTS"):
            return "no Legistar clients (LEGISTAR_CLIENTS)"
        return None

    def scrape(self):
        for client, jurisdiction in sorted(self.settings["LEGISTAR_CLIENTS"].items()):
            page = self.fetch(
                f"{client}-matters.json", f"/v1/{client}/matters", {"$filter": FILTER}
            )
            if page.unchanged:
                continue
            for matter in _matters(page):
                yield self._observe(page, client, jurisdiction, matter)

    def _observe(self, page, client: str, jurisdiction: str, matter: dict):
        title = clean(matter.get("MatterTitle") or matter.get("MatterName"))
        number = clean(matter.get("MatterFile")) or str(matter["MatterId"])
        when = matter.get("MatterPassedDate") or matter.get("MatterAgendaDate")
        return self.observe(
            page,
            native_id=f"{client}:{matter['MatterId']}",
            excerpt=f"{matter.get('MatterTypeName') or 'Matter'} {number}: {title}",
            kind="proposal",
            jurisdiction_id=jurisdiction,
            source_url=detail_url(client, matter),
            substances=("7-oh",) if "kratom" not in title.lower() else ("kratom",),
            identifier=number[:80],
            title=title[:300] or number,
            stage=stage_of(matter.get("MatterStatusName")),
            proposed_status=proposed_status_of(title),
            last_action=clean(matter.get("MatterStatusName"))[:300] or None,
            last_action_date=parse_day((when or matter.get("MatterIntroDate") or "")[:10]),
        )


def _matters(page) -> list[dict]:
    payload = page.json()
    if not isinstance(payload, list) or not all(isinstance(m, dict) for m in payload):
        raise ParseError(
            f"{page.key}: Legistar answered with something other than a list of matters"
        )
    if any("MatterId" not in m for m in payload):
        raise ParseError(f"{page.key}: a matter has no MatterId")
    return payload
