"""The trust policy per source, as each scraper class declares it (`scrapers.base.Trust`).

Proposal claims from any source go to the pending proposals; rule claims follow the policy: an
authoritative source's are applied and recorded as a Change (one that matches the rule in force
confirms it); a secondary source's refresh the rule's last-verified date when they agree and
open a review item with the reason when they do not.
"""

from __future__ import annotations

from scrapers import SCRAPERS
from scrapers.base import Trust

DEFAULT = Trust("secondary", "low", coarse=True)


def policy_for(source: str) -> Trust:
    scraper = SCRAPERS.get(source)
    return scraper.trust if scraper is not None else DEFAULT
