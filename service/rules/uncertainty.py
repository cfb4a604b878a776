"""Why a verdict is not certain, in sentences: a date known only to its month or year, a rule
known only to be in force by a day, or a county ordinance whose reach depends on a city line."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division

from .rulebook import RuleBook
from .timeline import Boundary, boundaries
from .views import RuleView

NAMES = {"kratom": "kratom", "7-oh": "7-OH"}


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _window(boundary: Boundary) -> str:
    first, last = boundary.earliest, boundary.latest
    if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    return f"between {_day(first)} and {_day(last)}"


def _boundary_reason(division: Division, boundary: Boundary, substance: str) -> str:
    rule, name = boundary.rule, NAMES[substance]
    what = f"{division.name}'s rule making {name} {rule.status}"
    if boundary.kind == "end":
        return f"{what} ended in {_window(boundary)}; the day is not recorded."
    if rule.effective_from is None:
        return f"{what} is known to be in force by {_day(rule.in_force_by)}, but not since when."
    return f"{what} took effect in {_window(boundary)}; the day is not recorded."


def _scope_reason(division: Division, rule: RuleView) -> str:
    return (
        f"{division.name}'s rule reaches only land outside its cities and towns; whether this "
        "place is inside one is not known."
    )


def reasons(
    chain: tuple[Division, ...],
    book: RuleBook,
    substance: str,
    on: date,
    incorporated: bool | None,
) -> tuple[str, ...]:
    said = []
    for division in chain:
        timeline = book.timeline(division.id, substance)
        for rule in timeline:
            for boundary in boundaries(rule):
                if boundary.passed(on) is None:
                    said.append(_boundary_reason(division, boundary, substance))
        current = book.rule_on(division.id, substance, on)
        scoped = current is not None and current.scope == "unincorporated"
        if scoped and division.level == "county" and incorporated is None:
            said.append(_scope_reason(division, current))
    return tuple(dict.fromkeys(said))
