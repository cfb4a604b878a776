"""What a rule must say beyond its schema, and the one stated rule for its confidence.

Confidence: `high` needs a primary source; a restricting rule without one is at most `medium`;
a local (county or city) restricting rule with fewer than two independent sources (different
sites) is `low`; a rule that records no specific law found is `low`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jurisdictions.vocabulary import RESTRICTING

from .records import RuleRecord


def level_of(division_id: str) -> str:
    """country, state, county or place, from the id's shape."""
    segments = division_id.removeprefix("ocd-division/").split("/")
    if len(segments) == 1:
        return "country"
    if len(segments) == 2:
        return "state"
    return "place" if segments[-1].startswith("place:") else "county"


def rule_problems(rule: RuleRecord, level: str) -> list[str]:
    """Everything wrong with one rule, in words a curator can act on."""
    values = set(rule.activities.values())
    problems = []
    if ("age_limited" in values) != (rule.min_age is not None):
        problems.append("give min_age exactly when an activity is age_limited")
    if ("conditions" in values) != bool(rule.conditions):
        problems.append("list the conditions exactly when an activity is `conditions`")
    if "unknown" in values and not rule.conflict:
        problems.append("an unknown activity needs `conflict`: which sources disagree, and how")
    problems += _date_problems(rule)
    if rule.scope == "unincorporated" and level != "county":
        problems.append("only a county rule can reach only its unincorporated area")
    if rule.substance == "7-oh" and rule.activities["sell"] != "prohibited":
        blocking = [limit.kind for limit in rule.product_limits if limit.blocking]
        if blocking:
            problems.append(
                f"a 7-OH limit that concentrated products cannot meet ({blocking[0]}) "
                "makes selling them prohibited"
            )
    if rule.basis == "no_specific_law_found" and values != {"allowed"}:
        problems.append("no_specific_law_found means every activity is allowed")
    return problems + confidence_problems(rule, level)


def _date_problems(rule: RuleRecord) -> list[str]:
    problems = []
    if rule.status in RESTRICTING and rule.effective_from is None and rule.in_force_by is None:
        problems.append(
            f"a {rule.status} rule needs effective_from, or in_force_by when its start is unknown"
        )
    if rule.effective_from is not None and rule.in_force_by is not None:
        problems.append("give effective_from or in_force_by, not both")
    partial = rule.effective_from is not None and rule.effective_from.precision != "day"
    if partial and not rule.date_note:
        problems.append("a month- or year-only date needs a date_note saying why")
    return problems


def confidence_problems(rule: RuleRecord, level: str) -> list[str]:
    primary = any(source.primary for source in rule.sources)
    if rule.basis == "no_specific_law_found":
        return [] if rule.confidence == "low" else ["no specific law found is low confidence"]
    if rule.confidence == "high" and not primary:
        return ["high confidence needs a primary source"]
    restricting = rule.status in RESTRICTING
    if level in ("county", "place") and restricting and rule.confidence != "low":
        hosts = {urlsplit(source.url).hostname for source in rule.sources}
        if len(hosts) < 2:
            return ["a local rule with fewer than two independent sources is low confidence"]
    return []
