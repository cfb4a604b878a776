"""What settling one observation may read and do: the small context that reconcile hands to
`authority`, `review` and `pending`, so none of them reaches back into the reconcile run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from scrapers.base import Trust
from service.rules.models import RuleVerification
from service.rules.rulebook import RuleBook, load_rulebook

from .models import Observation as ObservationRow


@dataclass
class Tally:
    observations: int = 0
    agreements: int = 0
    review_items: int = 0
    changes: int = 0
    rules_changed: bool = False


@dataclass
class Settling:
    """One run's session, clock, source policy, counts and current rule snapshot."""

    session: Session
    now: datetime
    policy: Trust
    tally: Tally = field(default_factory=Tally)
    book: RuleBook | None = None

    def __post_init__(self):
        if self.book is None:
            self.book = load_rulebook(self.session)

    def rules_moved(self) -> None:
        """A rule changed: later observations of this run must see it."""
        self.session.flush()
        self.book = load_rulebook(self.session)
        self.tally.rules_changed = True

    def verify(self, rule_id: int, row: ObservationRow) -> str:
        """A source agreed with a rule: note the day (a later day only), count the agreement."""
        day = row.retrieved_at.date()
        verification = self.session.get(RuleVerification, (rule_id, row.source))
        if verification is None:
            self.session.add(
                RuleVerification(
                    rule_id=rule_id, source=row.source, verified_on=day, observation_id=row.id
                )
            )
            self.tally.rules_changed = True
        elif verification.verified_on < day:
            verification.verified_on, verification.observation_id = day, row.id
            self.tally.rules_changed = True
        self.tally.agreements += 1
        return "agreed"
