"""Legistar Web API: kratom matters (ordinances, resolutions) of the configured city clients.

Each client is a city's Legistar tenant name mapped to its division id. Most cities have no
kratom matter at all, so an empty answer is normal here. Tenants fail on their own: one city's
outage, or a record the parser does not understand, is reported as a problem of that city or
record while the other cities are still read; only when every city fails does the run fail.
Some tenants send raw control characters inside JSON strings, which are accepted.

Status names are each city's own: "Filed" closes a matter in one city and follows its passage in
another, "Approved For Filing" is not an approval of the ordinance. Only names that mean the
same everywhere are mapped by default; `LEGISTAR_STATUS_MAP` maps each city's own names.
"""

from __future__ import annotations

import re

from jurisdictions.vocabulary import STAGES

from .base import Scraper, SourceSetting, Trust, clean, parse_day
from .classify import read
from .errors import ScrapeError
from .observation import validate

FILTER = "substringof('kratom',MatterTitle) or substringof('mitragyn',MatterTitle)"
# Status names read the same way in every city (lower case); anything else is `unknown`
# unless the city's own map in LEGISTAR_STATUS_MAP says otherwise.
COMMON_STAGES = {
    "adopted": "enacted", "passed": "enacted", "enacted": "enacted", "approved": "enacted",
    "signed": "enacted", "failed": "failed", "defeated": "failed", "vetoed": "failed",
    "withdrawn": "withdrawn", "introduced": "introduced", "draft": "introduced",
    "pending": "introduced", "referred": "in_committee", "in committee": "in_committee",
    "recommended to pass": "in_committee", "agenda ready": "hearing_scheduled",
    "first reading": "first_reading",
}  # fmt: skip
WORDS = (
    (re.compile(r"^(?:adopted|passed|enacted)\b"), "enacted"),
    (re.compile(r"\b(?:failed|defeated)\b"), "failed"),
    (re.compile(r"^withdrawn\b"), "withdrawn"),
    (re.compile(r"\brefer|\bcommittee\b"), "in_committee"),
    (re.compile(r"\bfirst reading\b"), "first_reading"),
)


def stage_of(status_name: str | None, own: dict[str, str] | None = None) -> str:
    """A city's status name as a stage: the city's own map, then the common names."""
    name = clean(status_name).lower()
    if own and name in own:
        return own[name]
    if name in COMMON_STAGES:
        return COMMON_STAGES[name]
    if "fil" in name:  # filed, placed on file, approved for filing: each city means its own
        return "unknown"
    return next((stage for pattern, stage in WORDS if pattern.search(name)), "unknown")


def status_map(raw: str) -> dict[str, dict[str, str]]:
    """`client:Status name=stage;...` (stages from the vocabulary), or `none`."""
    maps: dict[str, dict[str, str]] = {}
    if raw.strip().lower() in ("", "none"):
        return maps
    for item in filter(None, (part.strip() for part in raw.split(";"))):
        client, colon, rest = item.partition(":")
        name, equals, stage = rest.rpartition("=")
        client, name, stage = client.strip(), clean(name).lower(), stage.strip()
        if not colon or not equals or not name:
            raise ValueError(f"{item!r} is not client:Status name=stage")
        if not re.fullmatch(r"[a-z0-9-]{2,60}", client):
            raise ValueError(f"{client!r} is not a Legistar client name (lowercase, digits, -)")
        if stage not in STAGES:
            raise ValueError(f"{stage!r} is not a stage ({', '.join(STAGES)})")
        maps.setdefault(client, {})[name] = stage
    return maps


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
        SourceSetting(
            "LEGISTAR_STATUS_MAP",
            "status_map",
            "Each Legistar city's own status names, as client:Status name=stage pairs separated "
            "by semicolons (e.g. `chicago:Placed on File=failed;mountainview:Filed=enacted`). "
            "Names not listed are read only when they mean the same everywhere (Adopted, Failed, "
            "Referred...); others give the stage `unknown`.",
            default={},
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
        clients = sorted(self.settings["LEGISTAR_CLIENTS"].items())
        failed = []
        for client, jurisdiction in clients:
            try:
                yield from self._client(client, jurisdiction)
            except ScrapeError as exc:
                failed.append(client)
                self.problem(f"{client}: {exc.reason}", _key(client))
        if clients and len(failed) == len(clients):
            raise ScrapeError("every Legistar client failed: " + "; ".join(self.problems))

    def _client(self, client: str, jurisdiction: str):
        page = self.fetch(_key(client), f"/v1/{client}/matters", {"$filter": FILTER})
        if page.unchanged:
            return []
        found = []
        for matter in _matters(page):
            if not isinstance(matter, dict) or "MatterId" not in matter:
                self.problem(f"{client}: a record without a MatterId was skipped", page.key)
                continue
            try:
                observation = self._observe(page, client, jurisdiction, matter)
                if observation is not None:
                    validate(observation)
                    found.append(observation)
            except ScrapeError as exc:
                self.problem(f"{client} matter {matter.get('MatterId')}: {exc.reason}", page.key)
        return found

    def _observe(self, page, client: str, jurisdiction: str, matter: dict):
        self.records_read += 1
        title = clean(matter.get("MatterTitle") or matter.get("MatterName"))
        reading = read(title)
        if not reading.relevant or matter.get("MatterRestrictViewViaWeb"):
            return None
        number = clean(matter.get("MatterFile")) or str(matter["MatterId"])
        when = matter.get("MatterPassedDate") or matter.get("MatterAgendaDate")
        own = self.settings.get("LEGISTAR_STATUS_MAP", {}).get(client)
        return self.observe(
            page,
            native_id=f"{client}:{matter['MatterId']}",
            excerpt=f"{matter.get('MatterTypeName') or 'Matter'} {number}: {title}",
            kind="proposal",
            jurisdiction_id=jurisdiction,
            source_url=detail_url(client, matter),
            substances=reading.substances,
            identifier=number[:80],
            title=title[:300] or number,
            stage=stage_of(matter.get("MatterStatusName"), own),
            proposed_status=reading.proposed_status,
            min_age=reading.min_age,
            last_action=clean(matter.get("MatterStatusName"))[:300] or None,
            last_action_date=parse_day(str(when or matter.get("MatterIntroDate") or "")[:10]),
        )


def _key(client: str) -> str:
    return f"{client}-matters.json"


def _matters(page) -> list:
    payload = page.json(lenient=True)
    if not isinstance(payload, list):
        raise ScrapeError(
            f"{page.key}: Legistar answered with something other than a list of matters"
        )
    if payload and not any(isinstance(m, dict) and "MatterId" in m for m in payload):
        raise ScrapeError(f"{page.key}: no record in the answer is a matter (no MatterId)")
    return payload
