"""What a person may do at a place: the rules in force along its chain, combined per activity.

Per activity the strictest permission along the chain decides (prohibited > unknown >
age_limited > conditions > allowed), named with the jurisdiction that decides it: among equally
strict rules the broadest, since it holds even if a local rule is repealed; for an age limit,
the highest age. A level without a rule of its own adds nothing. The headline status follows
from the combined activities by the one rule in `jurisdictions.vocabulary.headline`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jurisdictions.registry import Division
from jurisdictions.vocabulary import ACTIVITIES, PERMISSION_RANK, headline

from .views import LimitView, RuleView

# Which activity names the deciding jurisdiction, for each headline.
HEADLINE_ACTIVITIES = {
    "banned": ("sell", "buy", "possess"),
    "unknown": ("sell", "buy"),
    "regulated": ("sell", "make", "buy", "possess"),
    "restricted": ("buy", "possess", "make"),
}


@dataclass(frozen=True, slots=True)
class ActivityVerdict:
    permission: str
    min_age: int | None
    decided_by: Division | None
    rule: RuleView | None


@dataclass(frozen=True, slots=True)
class Combined:
    status: str
    activities: dict[str, ActivityVerdict]
    product_limits: tuple[tuple[Division, LimitView], ...]
    decided_by: Division | None
    rule: RuleView | None


UNKNOWN = ActivityVerdict("unknown", None, None, None)


def _activity(levels: list[tuple[Division, RuleView]], activity: str) -> ActivityVerdict:
    best: ActivityVerdict = UNKNOWN
    for division, rule in levels:
        permission = rule.activities.get(activity, "unknown")
        age = rule.min_age if permission == "age_limited" else None
        candidate = ActivityVerdict(permission, age, division, rule)
        if best.decided_by is None or _stricter(candidate, best):
            best = candidate
    return best


def _stricter(candidate: ActivityVerdict, best: ActivityVerdict) -> bool:
    rank, best_rank = PERMISSION_RANK[candidate.permission], PERMISSION_RANK[best.permission]
    if rank != best_rank:
        return rank > best_rank
    return (candidate.min_age or 0) > (best.min_age or 0)


def combine(levels: list[tuple[Division, RuleView]]) -> Combined:
    """`levels`: (division, its rule in force), broadest first, levels without a rule left out."""
    activities = {activity: _activity(levels, activity) for activity in ACTIVITIES}
    limits = tuple((division, limit) for division, rule in levels for limit in rule.product_limits)
    permissions = {name: verdict.permission for name, verdict in activities.items()}
    status = headline(permissions, bool(limits))
    deciding = _deciding(status, activities, limits, levels)
    return Combined(status, activities, limits, *deciding)


def _deciding(status, activities, limits, levels) -> tuple[Division | None, RuleView | None]:
    if not levels:
        return None, None
    wanted = {
        "banned": ("prohibited",),
        "unknown": ("unknown",),
        "regulated": ("conditions",),
        "restricted": ("age_limited", "prohibited"),
    }.get(status, ())
    for activity in HEADLINE_ACTIVITIES.get(status, ()):
        verdict = activities[activity]
        if verdict.permission in wanted and verdict.decided_by is not None:
            return verdict.decided_by, verdict.rule
    if status == "restricted" and limits:
        division = limits[0][0]
        return division, next(rule for d, rule in levels if d is division)
    return levels[0]
