"""A location, a point or a jurisdiction to its answer: resolve, decide, and say how sure the place
is. Decisions are memoised per rule snapshot, since many places share one chain."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division
from jurisdictions.resolve.resolution import Ambiguous, Resolution
from jurisdictions.vocabulary import SUBSTANCES
from service import context
from service.problems import ApiProblem
from service.rules.verdict import SubstanceVerdict, Verdict, decide

from . import words
from .model import (
    AlternativeAnswer,
    Answer,
    CandidateAnswer,
    LevelAnswer,
    LocationAnswer,
    ProposalAnswer,
    RelatedAnswer,
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
    return SubstanceAnswer(verdict, words.explanation(verdict), words.note(verdict))


def _verdict_answer(result: Verdict) -> VerdictAnswer:
    return VerdictAnswer(
        as_of=result.as_of,
        jurisdictions=tuple(
            LevelAnswer(division, own)
            for division, own in zip(result.chain, result.own_rules, strict=True)
        ),
        verdict={s: substance_answer(v) for s, v in result.substances.items()},
        upcoming=tuple(
            UpcomingAnswer(e.day, e.kind, e.division, e.rule, e.status_after, e.changes_answer)
            for e in result.upcoming
        ),
        pending=tuple(ProposalAnswer(d, p) for d, p in result.pending),
        related=tuple(RelatedAnswer(d, law) for d, law in result.related),
    )


def verdict_for(
    chain: tuple[Division, ...], on: date, incorporated: bool | None = None
) -> VerdictAnswer:
    """What applies along a chain on a day, memoised on the current rule snapshot.
    `incorporated`: whether the place is known to lie inside a city (None: not known)."""
    book = context.rulebook()
    key = ("answer", tuple(d.id for d in chain), on, incorporated)
    return book.remember(key, lambda: _verdict_answer(decide(chain, book, on, incorporated)))


def _scoped(resolution: Resolution, on: date) -> tuple[AlternativeAnswer, ...]:
    """Where a county rule reaches only unincorporated land and the place's side is not known,
    the answer inside a city of that county."""
    if resolution.incorporated is not None or resolution.chain[-1].level != "county":
        return ()
    book = context.rulebook()
    county = resolution.chain[-1]
    if not any(
        rule is not None and rule.scope == "unincorporated"
        for rule in (book.rule_on(county.id, s, on) for s in SUBSTANCES)
    ):
        return ()
    inside = verdict_for(resolution.chain, on, incorporated=True)
    return (
        AlternativeAnswer(
            label=f"Inside a city or town in {county.name}",
            reason=(
                f"{county.name}'s ordinance reaches only land outside its cities and towns; "
                "inside one, only the state's and the city's own law apply."
            ),
            jurisdictions=resolution.chain,
            verdict=inside.verdict,
        ),
    )


def location_answer(resolution: Resolution, scope_unknown: bool = False) -> LocationAnswer:
    return LocationAnswer(
        label=resolution.label,
        lat=resolution.lat,
        lon=resolution.lon,
        precision=resolution.precision,
        approximate=resolution.approximate or scope_unknown,
        near_boundary=resolution.near_boundary,
        resolver=resolution.resolver,
        incorporated=resolution.incorporated,
    )


def answer(resolution: Resolution, on: date) -> Answer:
    """The answer for a resolved location, with the other chains it may fall in."""
    alternatives = tuple(
        AlternativeAnswer(
            label=alternative.label,
            reason=alternative.reason,
            jurisdictions=alternative.chain,
            verdict=verdict_for(alternative.chain, on, alternative.incorporated).verdict,
        )
        for alternative in resolution.alternatives
    ) + _scoped(resolution, on)
    return Answer(
        as_of=on,
        location=location_answer(resolution, bool(_scoped(resolution, on))),
        found=verdict_for(resolution.chain, on, resolution.incorporated),
        alternatives=alternatives,
        notes=tuple(resolution.notes),
    )


def ambiguous(result: Ambiguous, on: date) -> Answer:
    candidates = tuple(CandidateAnswer(c.label, c.lat, c.lon, c.chain) for c in result.candidates)
    note = f"{result.text!r} names several places; choose one of the candidates."
    return Answer(as_of=on, location=None, found=None, candidates=candidates, notes=(note,))


def answer_for(result: Resolution | Ambiguous, on: date) -> Answer:
    return ambiguous(result, on) if isinstance(result, Ambiguous) else answer(result, on)
