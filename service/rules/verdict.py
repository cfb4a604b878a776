"""The verdict engine: for a chain of jurisdictions and a day, what applies to each substance.

Per substance, each level's rule in force is found (several possibilities where a date is known
only to a window, or a county ordinance reaches only unincorporated land and the place's side is
unknown); the rules are combined per activity (`combine`). Each possibility gives a headline;
when they differ the verdict is not certain, shows the most restrictive one and says why. The
next change is the first later day on which the shown headline changes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from jurisdictions.registry import Division
from jurisdictions.vocabulary import INACTIVE_STAGES, STATUS_RANK, SUBSTANCES

from .combine import ActivityVerdict, Combined, combine
from .rulebook import RuleBook
from .timeline import change_days, change_window, possible_rules
from .uncertainty import reasons
from .views import LimitView, ProposalView, RelatedView, RuleView

MAX_POSSIBILITIES = 64


@dataclass(frozen=True, slots=True)
class NextChange:
    day: date  # the first day it may fall on
    status: str
    decided_by: Division | None
    certain: bool
    latest: date  # the last day it may fall on: `day` when the day is known


@dataclass(frozen=True, slots=True)
class SubstanceVerdict:
    substance: str
    status: str
    min_age: int | None
    decided_by: Division | None
    rule: RuleView | None
    activities: dict[str, ActivityVerdict]
    product_limits: tuple[tuple[Division, LimitView], ...] = ()
    certain: bool = True
    possible_statuses: tuple[str, ...] = ()
    uncertainty: tuple[str, ...] = ()
    next_change: NextChange | None = None


@dataclass(frozen=True, slots=True)
class Upcoming:
    division: Division
    rule: RuleView
    kind: str  # "starts" or "ends"
    day: date
    status_after: str
    changes_answer: bool = True


@dataclass(frozen=True, slots=True)
class Verdict:
    as_of: date
    chain: tuple[Division, ...]
    own_rules: tuple[dict[str, RuleView | None], ...]
    substances: dict[str, SubstanceVerdict]
    upcoming: tuple[Upcoming, ...]
    pending: tuple[tuple[Division, ProposalView], ...]
    related: tuple[tuple[Division, RelatedView], ...] = ()
    incorporated: bool | None = None


def inside_city(chain: tuple[Division, ...], incorporated: bool | None) -> bool | None:
    """Whether the place is inside an incorporated city: a chain ending at a city is."""
    if chain and chain[-1].level == "place":
        return True
    return incorporated


def _level_options(division, book, substance, on, incorporated) -> list[RuleView | None]:
    options = possible_rules(book.timeline(division.id, substance), on)
    if division.level != "county":
        return options
    if incorporated is False or not any(_outside_only(rule) for rule in options):
        return options
    if incorporated is None:
        return options + [None]  # the place may lie inside a city, beyond the county rule's reach
    inside: list[RuleView | None] = []
    for rule in options:
        kept = None if _outside_only(rule) else rule
        if not any(kept is seen for seen in inside):
            inside.append(kept)
    return inside


def _outside_only(rule: RuleView | None) -> bool:
    return rule is not None and rule.scope == "unincorporated"


def _decide_once(chain, book, substance, on, incorporated) -> tuple[Combined, list[Combined]]:
    per_level = [_level_options(d, book, substance, on, incorporated) for d in chain]
    outcomes = []
    for picked in itertools.islice(itertools.product(*per_level), MAX_POSSIBILITIES):
        levels = [(d, rule) for d, rule in zip(chain, picked, strict=True) if rule is not None]
        outcomes.append(combine(levels))
    shown = max(outcomes, key=lambda c: STATUS_RANK[c.status])
    return shown, outcomes


def decide_substance(
    chain: tuple[Division, ...],
    book: RuleBook,
    substance: str,
    on: date,
    incorporated: bool | None = None,
    with_next: bool = True,
) -> SubstanceVerdict:
    incorporated = inside_city(chain, incorporated)
    shown, outcomes = _decide_once(chain, book, substance, on, incorporated)
    possible = tuple(dict.fromkeys(c.status for c in outcomes))
    certain = len(possible) == 1
    buy = shown.activities["buy"]
    verdict = SubstanceVerdict(
        substance=substance,
        status=shown.status,
        min_age=buy.min_age if buy.permission == "age_limited" else None,
        decided_by=shown.decided_by,
        rule=shown.rule,
        activities=shown.activities,
        product_limits=shown.product_limits,
        certain=certain,
        possible_statuses=tuple(sorted(possible, key=STATUS_RANK.get, reverse=True)),
        uncertainty=() if certain else reasons(chain, book, substance, on, incorporated),
    )
    if not with_next:
        return verdict
    following = next_change(chain, book, substance, on, incorporated, said(verdict))
    return _with_next(verdict, following)


def said(verdict: SubstanceVerdict) -> tuple:
    """What a verdict tells a person: its status and what each activity may be. A ban on
    selling that becomes a ban on possessing too keeps the status and changes the answer."""
    permissions = tuple(
        (name, activity.permission, activity.min_age)
        for name, activity in sorted(verdict.activities.items())
    )
    return verdict.status, permissions


def _with_next(verdict: SubstanceVerdict, following: NextChange | None) -> SubstanceVerdict:
    fields = {name: getattr(verdict, name) for name in SubstanceVerdict.__slots__}
    return SubstanceVerdict(**{**fields, "next_change": following})


def next_change(chain, book, substance, on, incorporated, shown: tuple) -> NextChange | None:
    """The first day after `on` on which what the verdict says (`said`) changes, or None."""
    days = set()
    for division in chain:
        days |= change_days(book.timeline(division.id, substance), on)
    for day in sorted(days):
        later = decide_substance(chain, book, substance, day, incorporated, with_next=False)
        if said(later) != shown:
            latest = max(change_window(book.timeline(d.id, substance), day) for d in chain)
            return NextChange(day, later.status, later.decided_by, later.certain, latest)
    return None


def _upcoming(chain, book, on, incorporated) -> tuple[Upcoming, ...]:
    events = []
    for division in chain:
        for substance in SUBSTANCES:
            for rule in book.timeline(division.id, substance):
                if rule.start is not None and rule.start > on:
                    events.append((division, rule, "starts", rule.start))
                ends = rule.effective_until
                if ends is not None and ends > on and not rule.until_derived:
                    events.append((division, rule, "ends", ends))
    events.sort(key=lambda e: (e[3], e[0].id.count("/"), e[1].substance))
    found = []
    for division, rule, kind, day in events:
        after = decide_substance(chain, book, rule.substance, day, incorporated, False)
        eve = day - timedelta(days=1)
        before = decide_substance(chain, book, rule.substance, eve, incorporated, False)
        changes = said(after) != said(before)
        found.append(Upcoming(division, rule, kind, day, after.status, changes))
    return tuple(found)


def _pending(chain: tuple[Division, ...], book: RuleBook) -> tuple:
    return tuple(
        (division, proposal)
        for division in chain
        for proposal in book.proposals_for(division.id)
        if proposal.stage not in INACTIVE_STAGES
    )


def _related(chain: tuple[Division, ...], book: RuleBook, on: date) -> tuple:
    return tuple(
        (division, item)
        for division in chain
        for item in book.related_for(division.id)
        if item.effective_until is None or item.effective_until > on
    )


def decide(
    chain: tuple[Division, ...], book: RuleBook, on: date, incorporated: bool | None = None
) -> Verdict:
    chain = tuple(chain)
    incorporated = inside_city(chain, incorporated)
    own_rules = tuple(
        {substance: book.rule_on(division.id, substance, on) for substance in SUBSTANCES}
        for division in chain
    )
    return Verdict(
        as_of=on,
        chain=chain,
        own_rules=own_rules,
        substances={s: decide_substance(chain, book, s, on, incorporated) for s in SUBSTANCES},
        upcoming=_upcoming(chain, book, on, incorporated),
        pending=_pending(chain, book),
        related=_related(chain, book, on),
        incorporated=incorporated,
    )
