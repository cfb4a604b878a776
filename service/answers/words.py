"""What a verdict means, in words: which activities are allowed, limited or offences, and the
note that says how little "legal" promises."""

from __future__ import annotations

from jurisdictions.vocabulary import ACTIVITIES
from service.rules.verdict import SubstanceVerdict

NAMES = {"kratom": "kratom", "7-oh": "7-OH products"}
GERUNDS = {"possess": "possessing", "buy": "buying", "sell": "selling", "make": "making"}


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _grouped(verdict: SubstanceVerdict) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for activity in ACTIVITIES:
        permission = verdict.activities[activity].permission
        groups.setdefault(permission, []).append(GERUNDS[activity])
    return groups


def explanation(verdict: SubstanceVerdict) -> str:
    """ "Selling and making are prohibited; possessing and buying are not offences." """
    groups = _grouped(verdict)
    if set(groups) == {"unknown"} and verdict.rule is not None:
        return "What the law allows here is not settled: see the note."
    if set(groups) == {"unknown"}:
        return "Nothing reliable is known about what the law allows here."
    if set(groups) == {"prohibited"}:
        return "Possessing, buying, selling and making it are all offences."
    parts = []
    if "prohibited" in groups:
        parts.append(f"{_join(groups['prohibited'])} {_are(groups['prohibited'])} prohibited")
    if "age_limited" in groups:
        age = max(
            (v.min_age for v in verdict.activities.values() if v.permission == "age_limited"),
            default=None,
        )
        parts.append(f"{_join(groups['age_limited'])} only from age {age}")
    if "conditions" in groups:
        parts.append(
            f"{_join(groups['conditions'])} {_are(groups['conditions'])} allowed under conditions"
        )
    if "allowed" in groups:
        allowed = groups["allowed"]
        tail = "not offences" if len(allowed) > 1 else "not an offence"
        parts.append(f"{_join(allowed)} {_are(allowed)} {tail}")
    if "unknown" in groups:
        parts.append(
            f"whether {_join(groups['unknown'])} {_are(groups['unknown'])} allowed is not known"
        )
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _are(words: list[str]) -> str:
    return "are" if len(words) > 1 else "is"


def note(verdict: SubstanceVerdict) -> str | None:
    """What a person should not read into the headline."""
    name = "kratom" if verdict.substance == "kratom" else "7-OH"
    rule = verdict.rule
    if verdict.status == "legal" and rule is not None and rule.basis == "no_specific_law_found":
        return (
            f"No {name}-specific law was found here. That is not the same as safe, tested, "
            "or certainly legal: general food, medicine and drug laws still apply."
        )
    if verdict.status == "legal":
        return "No law of its own restricts it here. Legal is not the same as safe or tested."
    if verdict.status == "unknown" and rule is not None and rule.conflict:
        return f"Not settled: {rule.conflict}"
    if verdict.status == "unknown":
        return "Nothing reliable is known about its legal status here."
    return None
