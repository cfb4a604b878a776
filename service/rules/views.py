"""Read-only views of rules, proposals, sources and related law, as the rule snapshot holds them.

A rule's start is known to the day, or only to a window: the month or year its date gives, or,
for a rule known only to be in force by a day, from the previous rule's start to that day. The
verdict engine reads these windows to say when an answer is not certain.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from jurisdictions.law.records import PartialDate
from jurisdictions.vocabulary import PRIMARY_SOURCE_KINDS

from .models import Proposal, RelatedLaw, Rule


@dataclass(frozen=True, slots=True)
class SourceView:
    url: str
    title: str
    retrieved_at: date
    kind: str | None = None

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_SOURCE_KINDS


@dataclass(frozen=True, slots=True)
class LimitView:
    kind: str
    value: float | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RuleView:
    id: int
    jurisdiction_id: str
    substance: str
    status: str
    activities: dict[str, str]
    min_age: int | None
    conditions: tuple[str, ...]
    product_limits: tuple[LimitView, ...]
    scope: str
    basis: str
    covers: tuple[str, ...]
    effective_from: date | None
    effective_from_precision: str | None
    in_force_by: date | None
    effective_until: date | None
    effective_until_precision: str | None
    until_derived: bool
    date_note: str | None
    conflict: str | None
    citation: str | None
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceView, ...]
    origin: str = "curated"
    starts_earliest: date = date.min  # the window in which the rule began
    starts_latest: date = date.min

    @property
    def start(self) -> date | None:
        """The day the rule is taken to begin: its start, or the day it is known in force by."""
        return self.effective_from or self.in_force_by

    @property
    def start_certain(self) -> bool:
        return self.starts_earliest == self.starts_latest

    @property
    def end_window(self) -> tuple[date, date] | None:
        """When a written end (not one derived from the next rule) falls, as a window."""
        if self.effective_until is None or self.until_derived:
            return None
        until = PartialDate(self.effective_until, self.effective_until_precision or "day")
        return until.day, until.last_day

    def in_force(self, on: date) -> bool:
        started = self.start is None or self.start <= on
        return started and (self.effective_until is None or on < self.effective_until)


@dataclass(frozen=True, slots=True)
class ProposalView:
    id: int
    jurisdiction_id: str
    substances: tuple[str, ...]
    identifier: str | None
    title: str
    stage: str
    proposed_status: str | None
    min_age: int | None
    last_action: str | None
    last_action_date: date | None
    last_action_precision: str | None
    url: str | None
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class RelatedView:
    """Law on related compounds in one jurisdiction: context, never a verdict."""

    jurisdiction_id: str
    title: str
    compounds: tuple[str, ...]
    effective_from: date | None
    effective_from_precision: str | None
    effective_until: date | None
    citation: str | None
    summary: str
    last_verified: date
    sources: tuple[SourceView, ...]


def precedence(rule: RuleView) -> tuple[date, bool]:
    """Among rules in force together: the later start wins, then a non-curated origin."""
    return (rule.start or date.min, rule.origin != "curated")


def by_kind(sources: tuple[SourceView, ...]) -> tuple[SourceView, ...]:
    """Primary sources first, each group in the file's order."""
    return tuple(sorted(sources, key=lambda source: not source.primary))


def _sources(links) -> tuple[SourceView, ...]:
    return by_kind(
        tuple(
            SourceView(link.source.url, link.source.title, link.retrieved_at, link.source.kind)
            for link in links
        )
    )


def rule_view(row: Rule, verified: date | None = None) -> RuleView:
    start = row.effective_from
    window = (date.min, date.min)
    if start is not None:
        window = (start, PartialDate(start, row.effective_from_precision or "day").last_day)
    return RuleView(
        id=row.id,
        jurisdiction_id=row.jurisdiction_id,
        substance=row.substance,
        status=row.status,
        activities=dict(row.activities or {}),
        min_age=row.min_age,
        conditions=tuple(row.conditions or ()),
        product_limits=tuple(LimitView(**limit) for limit in row.product_limits or ()),
        scope=row.scope or "whole",
        basis=row.basis or "specific_law",
        covers=tuple(row.covers or ()),
        effective_from=start,
        effective_from_precision=row.effective_from_precision,
        in_force_by=row.in_force_by,
        effective_until=row.effective_until,
        effective_until_precision=row.effective_until_precision,
        until_derived=row.until_derived,
        date_note=row.date_note,
        conflict=row.conflict,
        citation=row.citation,
        summary=row.summary,
        confidence=row.confidence,
        last_verified=max(row.last_verified, verified or row.last_verified),
        sources=_sources(row.sources),
        origin=row.origin,
        starts_earliest=window[0],
        starts_latest=window[1],
    )


def with_known_by_windows(timeline: list[RuleView]) -> list[RuleView]:
    """A rule known only to be in force by a day began after the rule before it did."""
    placed = []
    previous_start = date.min
    for view in sorted(timeline, key=precedence):
        if view.effective_from is None and view.in_force_by is not None:
            view = replace(view, starts_earliest=previous_start, starts_latest=view.in_force_by)
        placed.append(view)
        previous_start = view.starts_earliest
    return placed


def proposal_view(row: Proposal) -> ProposalView:
    return ProposalView(
        id=row.id,
        jurisdiction_id=row.jurisdiction_id,
        substances=tuple(row.substances),
        identifier=row.identifier,
        title=row.title,
        stage=row.stage,
        proposed_status=row.proposed_status,
        min_age=row.min_age,
        last_action=row.last_action,
        last_action_date=row.last_action_date,
        last_action_precision=row.last_action_precision,
        url=row.url,
        summary=row.summary,
        confidence=row.confidence,
        last_verified=row.last_verified,
        sources=_sources(row.sources),
    )


def related_view(row: RelatedLaw) -> RelatedView:
    return RelatedView(
        jurisdiction_id=row.jurisdiction_id,
        title=row.title,
        compounds=tuple(row.compounds),
        effective_from=row.effective_from,
        effective_from_precision=row.effective_from_precision,
        effective_until=row.effective_until,
        citation=row.citation,
        summary=row.summary,
        last_verified=row.last_verified,
        sources=by_kind(
            tuple(
                SourceView(s["url"], s["title"], date.fromisoformat(s["retrieved_at"]), s["kind"])
                for s in row.sources
            )
        ),
    )
