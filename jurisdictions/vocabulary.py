"""The words of kratom law, defined once for the scrapers, the law files and the service."""

from __future__ import annotations

SUBSTANCES = ("kratom", "7-oh")

# Most restrictive first. `unknown` ranks just below `banned`: a level whose law is unknown leaves
# the answer unknown unless another level bans outright.
STATUSES = ("banned", "unknown", "restricted", "regulated", "legal")
STATUS_RANK = {status: rank for rank, status in enumerate(reversed(STATUSES))}

CONFIDENCES = ("high", "medium", "low")

STAGES = (
    "introduced", "in_committee", "passed_one_chamber", "passed_legislature",
    "awaiting_signature", "notice_of_intent", "proposed_rule", "comment_period",
    "first_reading", "hearing_scheduled", "stalled", "unknown", "failed", "withdrawn", "enacted",
)  # fmt: skip
INACTIVE_STAGES = frozenset({"failed", "withdrawn", "enacted"})


def more_restrictive(status: str, other: str) -> str:
    """The stricter of two statuses."""
    return status if STATUS_RANK[status] >= STATUS_RANK[other] else other


# What a law says about one activity, most restrictive first. `age_limited` comes with a minimum
# age (the age for buying, and for possessing where the law says so); `conditions` with the
# conditions in words (registration, labelling, testing, product limits).
ACTIVITIES = ("possess", "buy", "sell", "make")
PERMISSIONS = ("prohibited", "unknown", "age_limited", "conditions", "allowed")
PERMISSION_RANK = {permission: rank for rank, permission in enumerate(reversed(PERMISSIONS))}

# Limits on products of a substance. Those marked blocking cannot be met by concentrated or
# semi-synthetic 7-OH products, so a 7-OH rule with one of them prohibits selling them.
PRODUCT_LIMITS = (
    "alkaloid_share", "dry_weight_share", "per_serving_mg", "alkaloid_ratio",
    "synthetic_banned", "adulteration_banned", "testing_required", "other",
)  # fmt: skip
BLOCKING_LIMITS = frozenset(
    {"alkaloid_share", "dry_weight_share", "alkaloid_ratio", "synthetic_banned"}
)

SCOPES = ("whole", "unincorporated")
BASES = ("specific_law", "general_law", "no_specific_law_found")

PRIMARY_SOURCE_KINDS = ("statute", "bill", "regulation", "ordinance", "gazette", "court", "agency")
SECONDARY_SOURCE_KINDS = ("news", "advocacy", "vendor", "reference")
SOURCE_KINDS = PRIMARY_SOURCE_KINDS + SECONDARY_SOURCE_KINDS
RESTRICTING = frozenset({"banned", "restricted", "regulated"})


def headline(activities: dict[str, str], has_product_limits: bool = False) -> str:
    """The one rule that turns what a law says per activity into a headline status:

    banned      possessing, buying or selling is prohibited;
    unknown     otherwise, buying or selling is unknown;
    regulated   otherwise, an activity is allowed under conditions (a consumer-protection
                framework: registration, labelling, testing, product limits);
    restricted  otherwise, an age limit, making prohibited, or some product forms banned;
    legal       everything allowed: no law of its own restricts it.
    """
    if any(activities[a] == "prohibited" for a in ("possess", "buy", "sell")):
        return "banned"
    if any(activities[a] == "unknown" for a in ("buy", "sell")):
        return "unknown"
    if "conditions" in activities.values():
        return "regulated"
    if "age_limited" in activities.values() or activities["make"] == "prohibited":
        return "restricted"
    if has_product_limits:
        return "restricted"
    return "legal"


def activities_for_status(status: str, min_age: int | None = None):
    """What a source that reports only a headline status says per activity, at its plainest
    (and the conditions in words, for `regulated`). `headline` gives the status back."""
    everything = dict.fromkeys(ACTIVITIES, "allowed")
    if status in ("banned", "unknown"):
        return dict.fromkeys(ACTIVITIES, "prohibited" if status == "banned" else "unknown"), ()
    if status == "regulated":
        buy = "age_limited" if min_age else "conditions"
        activities = {**everything, "buy": buy, "sell": "conditions", "make": "conditions"}
        return activities, ("conditions as the source reports them",)
    if status == "restricted":
        limited = {"buy": "age_limited"} if min_age else {"make": "prohibited"}
        return {**everything, **limited}, ()
    return everything, ()


def prohibited_activities(activities: dict[str, str]) -> tuple[str, ...]:
    """The activities a rule prohibits, in the v1 API's words (`covers`: possess, sell,
    manufacture; buying has no v1 word)."""
    names = {"make": "manufacture"}
    return tuple(
        names.get(a, a) for a in ACTIVITIES if activities.get(a) == "prohibited" and a != "buy"
    )
