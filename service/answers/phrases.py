"""A status in words that never contradicts what it means per activity, the same on pages and
in emails: a ban on sale alone is "Sale banned" (never a bare "Banned" while possessing is no
offence), and an age limit is said as "Legal from 21"."""

from __future__ import annotations

from dataclasses import dataclass

from jurisdictions.vocabulary import ACTIVITIES
from service.rules.views import RuleView

from .model import SubstanceAnswer

STATUS_NAMES = {
    "banned": "Banned",
    "restricted": "Restricted",
    "regulated": "Legal, regulated",
    "legal": "Legal, no law",
    "unknown": "Unknown",
    "none": "No data",
}
BANNABLE = ("sell", "buy", "possess")
NOUNS = {"sell": "sale", "buy": "buying", "possess": "possession"}
POSSESSION = {
    "allowed": "possession is not an offence",
    "age_limited": "possession is legal from age {age}",
    "conditions": "possession is allowed under conditions",
    "unknown": "whether possession is an offence is not known",
}


def join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Permissions:
    """What each activity is (`allowed`, `age_limited`...) and its minimum age, for a verdict
    or a single rule alike."""

    status: str
    permission: dict[str, str]
    age: dict[str, int | None]

    @classmethod
    def of_verdict(cls, verdict: SubstanceAnswer) -> Permissions:
        activities = verdict.activities.items()
        return cls(
            verdict.status,
            {name: a.permission for name, a in activities},
            {name: a.min_age for name, a in activities},
        )

    @classmethod
    def of_rule(cls, rule: RuleView) -> Permissions:
        permission = {a: rule.activities.get(a, "unknown") for a in ACTIVITIES}
        age = {a: rule.min_age if p == "age_limited" else None for a, p in permission.items()}
        return cls(rule.status, permission, age)

    @property
    def banned(self) -> list[str]:
        return [a for a in BANNABLE if self.permission[a] == "prohibited"]

    @property
    def partial_ban(self) -> bool:
        return self.status == "banned" and len(self.banned) < len(BANNABLE)

    @property
    def possession(self) -> str:
        return POSSESSION[self.permission["possess"]].format(age=self.age["possess"])

    @property
    def phrase(self) -> str:
        """The status as a badge: "Banned", "Sale banned", "Legal from 21, regulated"."""
        if self.status == "banned":
            if not self.partial_ban:
                return "Banned"
            return join([NOUNS[a] for a in self.banned]).capitalize() + " banned"
        buy_age = self.age["buy"] if self.permission["buy"] == "age_limited" else None
        age = f" from {buy_age}" if buy_age else ""
        if self.status == "regulated":
            return f"Legal{age}, regulated"
        if self.status == "restricted":
            return f"Legal{age}, restricted" if age else "Restricted"
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def full_phrase(self) -> str:
        """ "Sale banned; possession is not an offence" where a badge alone would mislead."""
        if self.partial_ban:
            return f"{self.phrase}; {self.possession}"
        return self.phrase


def status_phrase(verdict: SubstanceAnswer) -> str:
    return Permissions.of_verdict(verdict).phrase


def rule_phrase(rule: RuleView) -> str:
    return Permissions.of_rule(rule).phrase
