"""The trust policy per source: how far each one's claims may change the rules.

- authoritative: a rule claim is applied directly (as a rule of that source's own origin) and
  recorded as a Change; one that matches the rule in force confirms it.
- secondary: a claim that agrees with the rule in force refreshes its last-verified date; one
  that disagrees opens a review item with the reason. Trackers and encyclopedias know no
  nuance, so they are compared coarsely: banned, allowed (legal, regulated, restricted), unknown.
Proposal claims from any source go to the pending proposals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrustPolicy:
    authority: str  # "authoritative" or "secondary"
    confidence: str  # given to rules and proposals this source creates
    coarse: bool = False

    def agrees(self, claimed: str, current: str) -> bool:
        if claimed == current:
            return True
        return self.coarse and COARSE[claimed] == COARSE[current]


COARSE = {
    "banned": "banned",
    "restricted": "allowed",
    "regulated": "allowed",
    "legal": "allowed",
    "unknown": "unknown",
}

POLICIES = {
    "federal_register": TrustPolicy("authoritative", "high"),
    "legiscan": TrustPolicy("secondary", "medium"),
    "legistar": TrustPolicy("secondary", "medium"),
    "statutemap": TrustPolicy("secondary", "low", coarse=True),
    "wikipedia": TrustPolicy("secondary", "low", coarse=True),
}
DEFAULT = TrustPolicy("secondary", "low", coarse=True)


def policy_for(source: str) -> TrustPolicy:
    return POLICIES.get(source, DEFAULT)
