"""The verdict engine: for a chain of jurisdictions and a date, what applies to each substance.

The most restrictive rule in force along the chain decides. `unknown` ranks just below
`banned`: a level whose law is unknown leaves the answer unknown unless another level bans
outright. Among equally restrictive rules the broadest jurisdiction is named as deciding, since
it holds even if a local rule is repealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jurisdictions.registry import Division
from jurisdictions.vocabulary import INACTIVE_STAGES, STATUS_RANK, SUBSTANCES

from .rulebook import ProposalView, RuleBook, RuleView


@dataclass(frozen=True, slots=True)
class SubstanceVerdict:
    substance: str
    status: str
    min_age: int | None
    decided_by: Division | None
    rule: RuleView | None


@dataclass(frozen=True, slots=True)
class Upcoming:
    division: Division
    rule: RuleView
    kind: str  # "starts" or "ends"
    day: date
    status_after: str


@dataclass(frozen=True, slots=True)
class Verdict:
    as_of: date
    chain: tuple[Division, ...]
    own_rules: tuple[dict[str, RuleView | None], ...]
    substances: dict[str, SubstanceVerdict]
    upcoming: tuple[Upcoming, ...]
    pending: tuple[tuple[Division, ProposalView], ...]


def decide_substance(
    chain: tuple[Division, ...], book: RuleBook, substance: str, on: date
) -> SubstanceVerdict:
    in_force = [
        (division, rule)
        for division in chain
        if (rule := book.rule_on(division.id, substance, on)) is not None
    ]
    if not in_force:
        return SubstanceVerdict(substance, "unknown", None, None, None)
    top = max(STATUS_RANK[rule.status] for _, rule in in_force)
    division, rule = next((d, r) for d, r in in_force if STATUS_RANK[r.status] == top)
    ages = [r.min_age for _, r in in_force if r.min_age is not None]
    return SubstanceVerdict(substance, rule.status, max(ages, default=None), division, rule)


def _upcoming(chain: tuple[Division, ...], book: RuleBook, on: date) -> tuple[Upcoming, ...]:
    events = []
    for division in chain:
        for substance in SUBSTANCES:
            for rule in book.timeline(division.id, substance):
                if rule.effective_from is not None and rule.effective_from > on:
                    events.append((division, rule, "starts", rule.effective_from))
                ends = rule.effective_until
                if ends is not None and ends > on and not rule.until_derived:
                    events.append((division, rule, "ends", ends))
    events.sort(key=lambda e: (e[3], e[0].id.count("/"), e[1].substance))
    return tuple(
        Upcoming(
            division, rule, kind, day, decide_substance(chain, book, rule.substance, day).status
        )
        for division, rule, kind, day in events
    )


def _pending(chain: tuple[Division, ...], book: RuleBook) -> tuple:
    return tuple(
        (division, proposal)
        for division in chain
        for proposal in book.proposals_for(division.id)
        if proposal.stage not in INACTIVE_STAGES
    )


def decide(chain: tuple[Division, ...], book: RuleBook, on: date) -> Verdict:
    chain = tuple(chain)
    own_rules = tuple(
        {substance: book.rule_on(division.id, substance, on) for substance in SUBSTANCES}
        for division in chain
    )
    return Verdict(
        as_of=on,
        chain=chain,
        own_rules=own_rules,
        substances={s: decide_substance(chain, book, s, on) for s in SUBSTANCES},
        upcoming=_upcoming(chain, book, on),
        pending=_pending(chain, book),
    )
