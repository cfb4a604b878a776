"""The first thing an answer page shows, per substance: the headline in words, what it means for
possessing, buying and selling, who decides and since when, the next change and how far away
it is, and every reason the answer may not hold (a date known only to its month, a county line,
a place that may lie elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass

from jurisdictions.registry import Division
from service.answers import build as answers
from service.answers.model import AlternativeAnswer, SubstanceAnswer, VerdictAnswer

from . import headlines
from .wording import STATUS_NAMES


@dataclass(frozen=True)
class Card:
    substance: str
    verdict: SubstanceAnswer
    phrase: str
    sentence: str
    certain: bool
    doubts: tuple[str, ...]
    next: headlines.NextChangeWords | None
    since: str

    @property
    def status(self) -> str:
        return self.verdict.status


def _elsewhere(substance: str, verdict: SubstanceAnswer, alternatives) -> list[str]:
    """Why the place itself makes the answer uncertain: another chain it may lie in answers
    differently (and the verdict does not say so already)."""
    said = []
    for alternative in alternatives:
        other = alternative.verdict[substance]
        if other.status not in (verdict.status, *verdict.possible_statuses):
            status = STATUS_NAMES[other.status].lower()
            said.append(f"{alternative.label}: {status} there.")
    return said


def _possible(verdict: SubstanceAnswer) -> list[str]:
    others = [s for s in verdict.possible_statuses if s != verdict.status]
    if not others:
        return []
    words = " or ".join(STATUS_NAMES[s].lower() for s in others)
    return [f"It may also be {words}."]


def _after(chain, incorporated, substance: str, verdict: SubstanceAnswer):
    if verdict.next_change is None:
        return None
    later = answers.verdict_for(chain, verdict.next_change.day, incorporated)
    return later.verdict[substance]


def cards(
    found: VerdictAnswer,
    place: str,
    incorporated: bool | None = None,
    alternatives: tuple[AlternativeAnswer, ...] = (),
) -> list[Card]:
    chain: tuple[Division, ...] = tuple(level.division for level in found.jurisdictions)
    made = []
    for substance, verdict in found.verdict.items():
        elsewhere = _elsewhere(substance, verdict, alternatives)
        doubts = tuple(verdict.uncertainty) + tuple(_possible(verdict)) + tuple(elsewhere)
        certain = verdict.certain and not elsewhere
        after = _after(chain, incorporated, substance, verdict)
        made.append(
            Card(
                substance=substance,
                verdict=verdict,
                phrase=headlines.status_phrase(verdict),
                sentence=headlines.sentence(substance, verdict, place, certain),
                certain=certain,
                doubts=doubts,
                next=headlines.next_change(verdict, after, found.as_of),
                since=headlines.since(verdict),
            )
        )
    return made
