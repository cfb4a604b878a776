"""The typed answer: what applies at a place or jurisdiction on a day, as pages, the API and
emails read it. The JSON form (`answers.json`) uses the same names, field for field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jurisdictions.registry import Division
from service.rules.verdict import SubstanceVerdict
from service.rules.views import ProposalView, RelatedView, RuleView, SourceView


@dataclass(frozen=True, slots=True)
class SubstanceAnswer:
    """One substance's verdict (`rules.verdict.SubstanceVerdict`: status, activities, deciding
    jurisdiction and rule, certainty, next change) with what it means in words."""

    verdict: SubstanceVerdict
    explanation: str
    note: str | None

    def __getattr__(self, name: str):
        return getattr(self.verdict, name)

    @property
    def effective_date(self) -> date | None:
        return self.verdict.rule.effective_from if self.verdict.rule else None

    @property
    def effective_date_precision(self) -> str | None:
        return self.verdict.rule.effective_from_precision if self.verdict.rule else None

    @property
    def in_force_by(self) -> date | None:
        return self.verdict.rule.in_force_by if self.verdict.rule else None

    @property
    def summary(self) -> str | None:
        return self.verdict.rule.summary if self.verdict.rule else None

    @property
    def citation(self) -> str | None:
        return self.verdict.rule.citation if self.verdict.rule else None

    @property
    def confidence(self) -> str | None:
        return self.verdict.rule.confidence if self.verdict.rule else None

    @property
    def sources(self) -> tuple[SourceView, ...]:
        return self.verdict.rule.sources if self.verdict.rule else ()

    @property
    def last_verified(self) -> date | None:
        return self.verdict.rule.last_verified if self.verdict.rule else None


@dataclass(frozen=True, slots=True)
class LevelAnswer:
    """One level of the chain and its own rule per substance on the day."""

    division: Division
    rules: dict[str, RuleView | None]

    @property
    def id(self) -> str:
        return self.division.id

    @property
    def name(self) -> str:
        return self.division.name

    @property
    def level(self) -> str:
        return self.division.level

    @property
    def kind(self) -> str:
        return self.division.kind


@dataclass(frozen=True, slots=True)
class UpcomingAnswer:
    """A scheduled start or end of a rule along the chain, and the status it leaves."""

    date: date
    kind: str  # "starts" or "ends"
    jurisdiction: Division
    rule: RuleView
    status_after: str
    changes_answer: bool = True

    @property
    def substance(self) -> str:
        return self.rule.substance

    @property
    def status(self) -> str:
        return self.rule.status

    @property
    def citation(self) -> str | None:
        return self.rule.citation


@dataclass(frozen=True, slots=True)
class ProposalAnswer:
    jurisdiction: Division
    proposal: ProposalView

    def __getattr__(self, name: str):
        return getattr(self.proposal, name)


@dataclass(frozen=True, slots=True)
class RelatedAnswer:
    """Law on related compounds along the chain: context beside the verdict, never part of it."""

    jurisdiction: Division
    law: RelatedView

    def __getattr__(self, name: str):
        return getattr(self.law, name)


@dataclass(frozen=True, slots=True)
class VerdictAnswer:
    """What applies along one chain on one day."""

    as_of: date
    jurisdictions: tuple[LevelAnswer, ...]
    verdict: dict[str, SubstanceAnswer]
    upcoming: tuple[UpcomingAnswer, ...]
    pending: tuple[ProposalAnswer, ...]
    related: tuple[RelatedAnswer, ...] = ()


@dataclass(frozen=True, slots=True)
class LocationAnswer:
    label: str
    lat: float | None
    lon: float | None
    precision: str
    approximate: bool
    near_boundary: bool
    resolver: str
    incorporated: bool | None = None


@dataclass(frozen=True, slots=True)
class AlternativeAnswer:
    label: str
    reason: str
    jurisdictions: tuple[Division, ...]
    verdict: dict[str, SubstanceAnswer]


@dataclass(frozen=True, slots=True)
class CandidateAnswer:
    label: str
    lat: float | None
    lon: float | None
    jurisdictions: tuple[Division, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer for a location: its verdict, or the candidates to choose from."""

    as_of: date
    location: LocationAnswer | None
    found: VerdictAnswer | None
    alternatives: tuple[AlternativeAnswer, ...] = ()
    candidates: tuple[CandidateAnswer, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def jurisdictions(self) -> tuple[LevelAnswer, ...]:
        return self.found.jurisdictions if self.found else ()

    @property
    def verdict(self) -> dict[str, SubstanceAnswer] | None:
        return self.found.verdict if self.found else None

    @property
    def upcoming(self) -> tuple[UpcomingAnswer, ...]:
        return self.found.upcoming if self.found else ()

    @property
    def pending(self) -> tuple[ProposalAnswer, ...]:
        return self.found.pending if self.found else ()
