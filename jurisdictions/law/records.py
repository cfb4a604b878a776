"""Typed records of a law file: rules over time, proposals, related law and the research trail."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from jurisdictions.vocabulary import (
    BLOCKING_LIMITS,
    PRIMARY_SOURCE_KINDS,
    headline,
    prohibited_activities,
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, month or year; `day` is the first day of that period."""

    day: date
    precision: str

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        text = str(value)
        parts = [int(p) for p in text.split("-")]
        precision = ("year", "month", "day")[len(parts) - 1]
        parts += [1] * (3 - len(parts))
        return cls(date(*parts), precision)

    @property
    def last_day(self) -> date:
        """The last day the period could mean: the day itself, or the month's or year's end."""
        if self.precision == "year":
            return date(self.day.year, 12, 31)
        if self.precision == "month":
            days = calendar.monthrange(self.day.year, self.day.month)[1]
            return self.day + timedelta(days=days - 1)
        return self.day

    def __str__(self) -> str:
        return self.day.isoformat()[: {"year": 4, "month": 7, "day": 10}[self.precision]]


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str
    title: str
    retrieved: date
    kind: str = "reference"

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_SOURCE_KINDS


@dataclass(frozen=True, slots=True)
class ProductLimit:
    kind: str
    value: float | None = None
    note: str | None = None

    @property
    def blocking(self) -> bool:
        """Concentrated or semi-synthetic 7-OH products cannot meet it."""
        return self.kind in BLOCKING_LIMITS


@dataclass(frozen=True, slots=True)
class ResearchCheck:
    """One entry of a file's research trail: what was searched, when, and what it showed."""

    date: date
    searched: str
    found: str


@dataclass(frozen=True, slots=True)
class RuleRecord:
    substance: str
    activities: dict[str, str]
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceRef, ...]
    min_age: int | None = None
    conditions: tuple[str, ...] = ()
    product_limits: tuple[ProductLimit, ...] = ()
    scope: str = "whole"
    basis: str = "specific_law"
    effective_from: PartialDate | None = None
    in_force_by: date | None = None
    effective_until: PartialDate | None = None
    until_derived: bool = False
    date_note: str | None = None
    conflict: str | None = None
    citation: str | None = None
    line: int | None = None

    @property
    def status(self) -> str:
        return headline(self.activities, bool(self.product_limits))

    @property
    def covers(self) -> tuple[str, ...]:
        return prohibited_activities(self.activities)

    @property
    def start(self) -> date:
        """The day the timeline orders it by: its start, the day it is known in force by, or the
        open past."""
        if self.effective_from is not None:
            return self.effective_from.day
        return self.in_force_by or date.min

    def ending(self, until: PartialDate | None, derived: bool) -> RuleRecord:
        return replace(self, effective_until=until, until_derived=derived)


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    substances: tuple[str, ...]
    title: str
    stage: str
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceRef, ...]
    identifier: str | None = None
    proposed_status: str | None = None
    min_age: int | None = None
    last_action: str | None = None
    last_action_date: PartialDate | None = None
    url: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        return self.identifier or self.title


@dataclass(frozen=True, slots=True)
class ContextRecord:
    """Law on related compounds, shown beside the answer and never as its verdict."""

    title: str
    compounds: tuple[str, ...]
    summary: str
    last_verified: date
    sources: tuple[SourceRef, ...]
    effective_from: PartialDate | None = None
    effective_until: PartialDate | None = None
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class LawFile:
    id: str
    name: str
    path: str
    sha256: str
    rules: tuple[RuleRecord, ...]
    proposals: tuple[ProposalRecord, ...]
    checked: tuple[ResearchCheck, ...] = ()
    context: tuple[ContextRecord, ...] = field(default=())
    notes: str | None = None
