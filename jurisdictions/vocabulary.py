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
