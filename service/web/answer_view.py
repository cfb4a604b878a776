"""What an answer page shows besides the API's JSON body: the place's name and how it was
found, the headline cards, the coming changes that change this answer, and the notices about
how sure the place is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.answers.model import Answer, LevelAnswer, LocationAnswer, UpcomingAnswer

from .cards import Card, cards
from .wording import found_as

ZIP_CODE = re.compile(r"\d{5}(-\d{4})?")


def coming(events) -> list[UpcomingAnswer]:
    """The scheduled events that change this answer; others (a rule replaced by one just as
    strict, a lapse under a stricter rule) are not news here."""
    return [event for event in events if event.changes_answer]


SCOPED = "Inside a city or town in "


def notices(location: LocationAnswer | None, alternatives=(), notes=()) -> list[str]:
    """Warnings about the place itself, before any rule is read (unless the resolver's own
    notes, or the headline for a county line's reach, say it already)."""
    if not location:
        return []
    said = []
    scoped = any(a.label.startswith(SCOPED) for a in alternatives)
    explained = any("alternatives" in note for note in notes)
    if location.approximate and not scoped and not explained:
        said.append(
            "Approximate: the place may fall under another county or city than the one "
            "shown (see “It may also be”). An exact city and state settles it."
        )
    if location.near_boundary:
        said.append(
            "Close to a boundary between jurisdictions, where the law can differ on either "
            "side: the other side is shown under “It may also be”."
        )
    if location.resolver == "online":
        said.append("This place was found by an online geocoder, not our own data.")
    return said


def how_found(location: LocationAnswer | None, query: str, notes, kind=None) -> str | None:
    """ "a city or town", "a ZIP code", "a province"; None when a note says it already."""
    if location is None or any(note.startswith("Found as") for note in notes):
        return None
    if ZIP_CODE.fullmatch(query.strip()):
        return "a ZIP code"
    return found_as(location.precision, kind)


@dataclass
class AnswerView:
    body: Answer
    query: str = ""
    place: str = ""
    target: LevelAnswer | None = None
    notices: list[str] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    coming: list[UpcomingAnswer] = field(default_factory=list)
    found_as: str | None = None

    def __post_init__(self):
        location = self.body.location
        chain = self.body.jurisdictions
        self.place = location.label if location else (chain[-1].name if chain else "")
        self.target = chain[-1] if chain else None
        self.notices = notices(location, self.body.alternatives, self.body.notes)
        kind = chain[-1].kind if chain else None
        self.found_as = how_found(location, self.query, self.body.notes, kind)
        if self.body.found is not None:
            incorporated = location.incorporated if location else None
            self.cards = cards(self.body.found, self.place, incorporated, self.body.alternatives)
            self.coming = coming(self.body.upcoming)
