"""Hand-made rule books for engine tests: divisions, rules by status or by activities."""

from __future__ import annotations

import itertools
from datetime import date

from jurisdictions.law.records import PartialDate
from jurisdictions.registry import Division
from jurisdictions.vocabulary import activities_for_status, headline, prohibited_activities
from service.rules.rulebook import RuleBook
from service.rules.views import LimitView, ProposalView, RuleView, SourceView, with_known_by_windows

US = Division("ocd-division/country:us", "United States", "country", "country", None)
ST = Division("ocd-division/country:us/state:xx", "State", "state", "state", US.id)
CO = Division("ocd-division/country:us/state:xx/county:yy", "Y County", "county", "county", ST.id)
CITY = Division(
    "ocd-division/country:us/state:xx/place:zz", "Zed", "place", "city", ST.id, counties=(CO.id,)
)
CHAIN = (US, ST, CO)
SOURCE = (SourceView("https://example.org/law", "A law", date(2026, 11, 24), "statute"),)
_ids = itertools.count(1)


def rule(
    where: Division,
    status: str | None = None,
    start: date | str | None = None,
    until: date | None = None,
    substance: str = "kratom",
    min_age: int | None = None,
    derived: bool = True,
    activities: dict | None = None,
    limits: tuple[str, ...] = (),
    scope: str = "whole",
    known_by: date | None = None,
) -> RuleView:
    """A rule from a headline status (its plainest activities) or explicit activities; `start`
    may be a date or a partial date written "2019" or "2019-08"."""
    if activities is None:
        activities, _ = activities_for_status(status, min_age)
    product_limits = tuple(LimitView(kind) for kind in limits)
    begins = (
        PartialDate.parse(start) if isinstance(start, str) else start and PartialDate(start, "day")
    )
    window = (begins.day, begins.last_day) if begins else (date.min, date.min)
    return RuleView(
        id=next(_ids),
        jurisdiction_id=where.id,
        substance=substance,
        status=headline(activities, bool(product_limits)),
        activities=activities,
        min_age=min_age if "age_limited" in activities.values() else None,
        conditions=("registration",) if "conditions" in activities.values() else (),
        product_limits=product_limits,
        scope=scope,
        basis="specific_law",
        covers=prohibited_activities(activities),
        effective_from=begins.day if begins else None,
        effective_from_precision=begins.precision if begins else None,
        in_force_by=known_by,
        effective_until=until,
        effective_until_precision="day" if until else None,
        until_derived=derived and until is not None,
        date_note=None,
        conflict=None,
        citation=None,
        summary=f"{where.name} {status or 'rule'}",
        confidence="high",
        last_verified=date(2026, 11, 24),
        sources=SOURCE,
        starts_earliest=window[0],
        starts_latest=window[1],
    )


def book(*rules: RuleView, proposals=()) -> RuleBook:
    table: dict = {}
    for r in rules:
        table.setdefault(r.jurisdiction_id, {}).setdefault(r.substance, []).append(r)
    timelines = {
        j: {s: tuple(with_known_by_windows(v)) for s, v in subs.items()}
        for j, subs in table.items()
    }
    grouped: dict = {}
    for p in proposals:
        grouped.setdefault(p.jurisdiction_id, []).append(p)
    return RuleBook(1, timelines, {j: tuple(v) for j, v in grouped.items()})


def proposal(where: Division, stage: str) -> ProposalView:
    return ProposalView(
        id=next(_ids),
        jurisdiction_id=where.id,
        substances=("kratom",),
        identifier=stage,
        title="A bill",
        stage=stage,
        proposed_status="banned",
        min_age=None,
        last_action=None,
        last_action_date=None,
        last_action_precision=None,
        url=None,
        summary="A bill.",
        confidence="low",
        last_verified=date(2026, 11, 24),
        sources=SOURCE,
    )
