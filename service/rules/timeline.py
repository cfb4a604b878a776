"""Which of one jurisdiction's rules may be in force on a day.

A start or a written end known only to a window (a month, a year, or "in force by" a day)
leaves the day on either side of it while the window lasts. The ways the uncertain dates can
fall are few and ordered (a later boundary cannot pass before an earlier one), so each is
tried: the rule in force in each is one possibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .views import RuleView, precedence


@dataclass(frozen=True, slots=True, eq=False)
class Boundary:
    rule: RuleView
    kind: str  # "start" or "end"
    earliest: date
    latest: date

    @property
    def key(self) -> tuple[int, str]:
        return id(self.rule), self.kind

    def passed(self, on: date) -> bool | None:
        """True when it has certainly happened by `on`, False when certainly not, else None."""
        if self.latest <= on:
            return True
        if self.earliest > on:
            return False
        return None


def boundaries(rule: RuleView) -> list[Boundary]:
    found = []
    if rule.start is not None:
        found.append(Boundary(rule, "start", rule.starts_earliest, rule.starts_latest))
    window = rule.end_window
    if window is not None:
        found.append(Boundary(rule, "end", *window))
    return found


def possible_rules(timeline: tuple[RuleView, ...], on: date) -> list[RuleView | None]:
    """The rule in force on `on` in each way the uncertain dates may fall, without repeats;
    one item when the day is certain."""
    known: set[tuple[int, str]] = set()
    uncertain: list[Boundary] = []
    for rule in timeline:
        for boundary in boundaries(rule):
            passed = boundary.passed(on)
            if passed is None:
                uncertain.append(boundary)
            elif passed:
                known.add(boundary.key)
    uncertain.sort(key=lambda b: (b.earliest, b.latest))
    found: list[RuleView | None] = []
    for count in range(len(uncertain) + 1):
        rule = _in_force(timeline, known | {b.key for b in uncertain[:count]})
        if not any(rule is seen for seen in found):
            found.append(rule)
    return found


def _in_force(timeline: tuple[RuleView, ...], passed: set[tuple[int, str]]) -> RuleView | None:
    in_force = [
        rule
        for rule in timeline
        if (rule.start is None or (id(rule), "start") in passed) and (id(rule), "end") not in passed
    ]
    return max(in_force, key=precedence, default=None)


def change_days(timeline: tuple[RuleView, ...], after: date) -> set[date]:
    """Days after `after` on which the rule in force may change."""
    return {
        day
        for rule in timeline
        for boundary in boundaries(rule)
        for day in (boundary.earliest, boundary.latest)
        if day > after
    }


def change_window(timeline: tuple[RuleView, ...], day: date) -> date:
    """The last day a change that may first fall on `day` may fall on: `day` itself when the
    change's day is known, else the end of its window."""
    return max(
        (b.latest for rule in timeline for b in boundaries(rule) if b.earliest == day),
        default=day,
    )
