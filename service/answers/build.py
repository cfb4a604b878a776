"""A location, a point or a jurisdiction to its answer: resolve, decide, and say how sure the place
is. Decisions are memoised per rule snapshot, since many places share one chain."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division
from jurisdictions.resolve.resolution import Ambiguous, Resolution
from service import context
from service.problems import ApiProblem
from service.rules.verdict import SubstanceVerdict, Verdict, decide

from .model import (
    AlternativeAnswer,
    Answer,
    CandidateAnswer,
    LevelAnswer,
    LocationAnswer,
    ProposalAnswer,
    SubstanceAnswer,
    UpcomingAnswer,
    VerdictAnswer,
)


def locate_text(text: str) -> Resolution | Ambiguous:
    result = context.locator().text(text)
    if result is None:
        raise ApiProblem(404, f"no place matches {text!r}", title="Place not found")
    return result


def locate_point(lat: float, lon: float) -> Resolution:
    result = context.locator().point(lat, lon)
    if result is None:
        raise ApiProblem(404, f"no country lies at {lat}, {lon}", title="Place not found")
    return result


def substance_answer(verdict: SubstanceVerdict) -> SubstanceAnswer:
    return SubstanceAnswer(
        verdict.substance, verdict.status, verdict.min_age, verdict.decided_by, verdict.rule
    )


def _verdict_answer(result: Verdict) -> VerdictAnswer:
    return VerdictAnswer(
        as_of=result.as_of,
        jurisdictions=tuple(
            LevelAnswer(division, own)
            for division, own in zip(result.chain, result.own_rules, strict=True)
        ),
        verdict={s: substance_answer(v) for s, v in result.substances.items()},
        upcoming=tuple(
            UpcomingAnswer(e.day, e.kind, e.division, e.rule, e.status_after)
            for e in result.upcoming
        ),
        pending=tuple(ProposalAnswer(d, p) for d, p in result.pending),
    )


def verdict_for(chain: tuple[Division, ...], on: date) -> VerdictAnswer:
    """What applies along a chain on a day, memoised on the current rule snapshot."""
    book = context.rulebook()
    key = ("answer", tuple(d.id for d in chain), on)
    return book.remember(key, lambda: _verdict_answer(decide(chain, book, on)))


def location_answer(resolution: Resolution) -> LocationAnswer:
    return LocationAnswer(
        label=resolution.label,
        lat=resolution.lat,
        lon=resolution.lon,
        precision=resolution.precision,
        approximate=resolution.approximate,
        near_boundary=resolution.near_boundary,
        resolver=resolution.resolver,
    )


def answer(resolution: Resolution, on: date) -> Answer:
    """The answer for a resolved location, with the other chains it may fall in."""
    alternatives = tuple(
        AlternativeAnswer(
            label=alternative.label,
            reason=alternative.reason,
            jurisdictions=alternative.chain,
            verdict=verdict_for(alternative.chain, on).verdict,
        )
        for alternative in resolution.alternatives
    )
    return Answer(
        as_of=on,
        location=location_answer(resolution),
        found=verdict_for(resolution.chain, on),
        alternatives=alternatives,
        notes=tuple(resolution.notes),
    )


def ambiguous(result: Ambiguous, on: date) -> Answer:
    candidates = tuple(CandidateAnswer(c.label, c.lat, c.lon, c.chain) for c in result.candidates)
    note = f"{result.text!r} names several places; choose one of the candidates."
    return Answer(as_of=on, location=None, found=None, candidates=candidates, notes=(note,))


def answer_for(result: Resolution | Ambiguous, on: date) -> Answer:
    return ambiguous(result, on) if isinstance(result, Ambiguous) else answer(result, on)
