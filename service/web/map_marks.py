"""What the home maps mark besides each shape's own law: the counties and cities (and, abroad,
the regions) with a ban of their own, and the rules that change a jurisdiction's own status in
the coming days. Both are read from the rule snapshot alone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from jurisdictions.registry import Division, Registry
from jurisdictions.vocabulary import SUBSTANCES
from service.rules.rulebook import RuleBook

from .wording import day

US = "ocd-division/country:us"
SOON_DAYS = 90


@dataclass(frozen=True)
class LocalBan:
    """A jurisdiction below a state or country banning a substance with its own rule."""

    division: Division
    substances: tuple[str, ...]
    scoped: bool  # only land outside its cities and towns


@dataclass(frozen=True)
class Coming:
    """A jurisdiction's own status for a substance changing on a day."""

    division: Division
    substance: str
    day: date
    before: str | None
    after: str | None
    precision: str = "day"  # "month", "year", or "by" for a rule known only in force by the day

    @property
    def when(self) -> str:
        """ "1 August 2026", "August 2026" or "by 15 June 2025", as precisely as it is known."""
        if self.precision == "by":
            return "by " + day(self.day)
        return day(self.day, self.precision)


def country_of(jurisdiction_id: str) -> str:
    return "/".join(jurisdiction_id.split("/")[:2])


def state_of(jurisdiction_id: str) -> str:
    return "/".join(jurisdiction_id.split("/")[:3])


def local_bans(registry: Registry, book: RuleBook, on: date) -> list[LocalBan]:
    """Every county or city with a ban of its own on the day; outside the US, every level
    below the country."""
    found = []
    for jurisdiction_id in book.rules:
        division = registry.get(jurisdiction_id)
        if division is None or division.level == "country":
            continue
        if division.level == "state" and jurisdiction_id.startswith(US + "/"):
            continue  # a US state's own law is its shape's colour
        rules = [book.rule_on(jurisdiction_id, s, on) for s in SUBSTANCES]
        banned = tuple(s for s, r in zip(SUBSTANCES, rules, strict=True) if _bans(r))
        if banned:
            scoped = any(r is not None and r.scope == "unincorporated" for r in rules)
            found.append(LocalBan(division, banned, scoped))
    return sorted(found, key=lambda ban: ban.division.id)


def _bans(rule) -> bool:
    return rule is not None and rule.status == "banned"


def coming_changes(registry: Registry, book: RuleBook, on: date, days: int = SOON_DAYS):
    """Own-status changes of every jurisdiction within `days` after the day, soonest first."""
    until = on + timedelta(days=days)
    found = []
    for jurisdiction_id, timelines in book.rules.items():
        division = registry.get(jurisdiction_id)
        if division is None:
            continue
        for substance, timeline in timelines.items():
            for when, precision in sorted(_change_days(timeline, on, until).items()):
                before = book.rule_on(jurisdiction_id, substance, when - timedelta(days=1))
                after = book.rule_on(jurisdiction_id, substance, when)
                old, new = _status(before), _status(after)
                if old != new:
                    found.append(Coming(division, substance, when, old, new, precision))
    return sorted(found, key=lambda c: (c.day, c.division.id, c.substance))


def _status(rule) -> str | None:
    return rule.status if rule is not None else None


def _change_days(timeline, on: date, until: date) -> dict[date, str]:
    """Each day a rule of the timeline starts or ends, with how precisely that day is known."""
    days = {}
    for rule in timeline:
        ends = None if rule.until_derived else rule.effective_until
        for when, precision in (
            (rule.start, _start_precision(rule)),
            (ends, rule.effective_until_precision or "day"),
        ):
            if when is not None and on < when <= until:
                days[when] = precision
    return days


def _start_precision(rule) -> str:
    if rule.effective_from is None:
        return "by"
    return rule.effective_from_precision or "day"


def bans_by_area(bans: list[LocalBan], substance: str) -> dict[str, list[LocalBan]]:
    """Local bans of a substance grouped by US state, or by country outside the US."""
    grouped = defaultdict(list)
    for ban in bans:
        if substance in ban.substances:
            jurisdiction_id = ban.division.id
            area = state_of(jurisdiction_id) if jurisdiction_id.startswith(US + "/") else None
            grouped[area or country_of(jurisdiction_id)].append(ban)
    return dict(grouped)
