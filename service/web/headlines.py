"""The headline of an answer in words that never contradict its details: what a person may do
(a ban on sale alone is not "Banned" while possession is no offence), who decides it and since
when, the next change and how far away it is, and whether any of it is uncertain."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from jurisdictions.registry import Division
from service.answers.model import SubstanceAnswer
from service.answers.phrases import NOUNS, STATUS_NAMES, Permissions, join, status_phrase

from .wording import day, substance_name

STATUS_WORDS = {
    "banned": "banned",
    "restricted": "restricted",
    "regulated": "legal but regulated",
    "legal": "legal",
    "unknown": "of unknown legal status",
}


def sentence(substance: str, verdict: SubstanceAnswer, place: str, certain: bool = True) -> str:
    """ "Kratom is banned in Oceanside, California"; "7-OH sale is banned in Nashville,
    Tennessee; possession is legal from age 21"; "may be" when the answer is not certain."""
    name, verb = substance_name(substance), "is" if certain else "may be"
    permissions = Permissions.of_verdict(verdict)
    if permissions.partial_ban:
        banned = permissions.banned
        plural = verb if len(banned) == 1 or not certain else "are"
        what = join([NOUNS[a] for a in banned])
        return f"{name} {what} {plural} banned in {place}; {permissions.possession}"
    status = verdict.status
    if status == "unknown":
        return f"{name}'s legal status in {place} is {'unknown' if certain else 'uncertain'}"
    return f"{name} {verb} {STATUS_WORDS[status]} in {place}"


def how_far(when: date, as_of: date) -> str:
    """ "tomorrow", "in 5 days", "in 5 weeks", "in 3 months", "in 2 years"."""
    days = (when - as_of).days
    if days <= 0:
        return "today" if days == 0 else "already past"
    if days == 1:
        return "tomorrow"
    for limit, size, unit in ((14, 1, "day"), (60, 7, "week"), (730, 30.44, "month")):
        if days < limit:
            count = round(days / size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    years = round(days / 365.25)
    return f"in {years} year{'s' if years != 1 else ''}"


def window(first: date, last: date) -> str:
    """ "1 August 2026", "August 2026", "2026" or "between 1 and 15 June 2025"."""
    if first == last:
        return day(first)
    if first.day == 1 and last == first.replace(day=monthrange(first.year, first.month)[1]):
        return day(first, "month")
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return day(first, "year")
    return f"between {day(first)} and {day(last)}"


@dataclass(frozen=True)
class NextChangeWords:
    """The next change of a headline, in words: "Banned from 1 July 2026", "tomorrow"."""

    what: str
    when: str
    how_far: str
    decided_by: Division | None
    certain: bool


def next_change(verdict: SubstanceAnswer, after: SubstanceAnswer | None, as_of: date):
    """The verdict's next change, said with the headline it will have (`after`)."""
    change = verdict.next_change
    if change is None:
        return None
    what = status_phrase(after) if after is not None else STATUS_NAMES[change.status]
    known = change.day == change.latest
    return NextChangeWords(
        what=what,
        when=window(change.day, change.latest),
        how_far=how_far(change.day, as_of) + ("" if known else " at the earliest"),
        decided_by=change.decided_by,
        certain=change.certain,
    )


def since(verdict: SubstanceAnswer) -> str:
    """Since when the deciding rule holds, as precisely as known."""
    if verdict.effective_date:
        return "since " + day(verdict.effective_date, verdict.effective_date_precision)
    if verdict.in_force_by:
        return "in force by " + day(verdict.in_force_by)
    return ""
