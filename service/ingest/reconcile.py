"""Reconcile one run's observations with the rules, following the source's trust policy.

Observations are stored first (append-only), then each is settled: a proposal goes to the
pending proposals, a rule claim is applied (authoritative source) or compared (secondary
source). Nothing here retires a rule: a run that saw less than the last one changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers.base import ScrapeResult
from scrapers.observation import Observation
from service.rules import meta
from service.rules.models import Jurisdiction, RuleVerification
from service.rules.rulebook import RuleBook, load_rulebook

from . import pending, review
from .authority import apply_authoritative
from .models import Observation as ObservationRow
from .models import ScrapeRun, Snapshot
from .trust import TrustPolicy, policy_for


@dataclass
class Tally:
    observations: int = 0
    agreements: int = 0
    review_items: int = 0
    changes: int = 0
    rules_changed: bool = False


class Reconcile:
    """One run's reconciling, inside the caller's transaction."""

    def __init__(self, session: Session, run: ScrapeRun, now: datetime):
        self.session = session
        self.run = run
        self.now = now
        self.policy: TrustPolicy = policy_for(run.source)
        self.tally = Tally()
        self.book: RuleBook = load_rulebook(session)

    def apply(self, result: ScrapeResult) -> Tally:
        snapshots = self._store_snapshots(result)
        for observation in result.observations:
            row = self._store(observation, snapshots.get(observation.content_hash))
            row.outcome = self._settle(observation, row)
        if self.tally.rules_changed:
            meta.bump_rules_version(self.session)
        self.session.flush()
        return self.tally

    def rules_moved(self) -> None:
        """A rule changed: later observations of this run must see it."""
        self.session.flush()
        self.book = load_rulebook(self.session)
        self.tally.rules_changed = True

    def _settle(self, observation: Observation, row: ObservationRow) -> str:
        if self.session.get(Jurisdiction, observation.jurisdiction_id) is None:
            return "unknown_place"
        if observation.kind == "proposal":
            return pending.apply(self, observation, row)
        if self.policy.authority == "authoritative":
            return apply_authoritative(self, observation, row)
        return review.compare_secondary(self, observation, row)

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

    def _store_snapshots(self, result: ScrapeResult) -> dict[str, int]:
        """Keep each changed response once per distinct content; map content hash to its row."""
        ids = {}
        for snapshot in result.snapshots:
            if not snapshot.unchanged:
                ids[snapshot.content_hash] = self._snapshot_id(snapshot)
        return ids

    def _snapshot_id(self, snapshot) -> int:
        found = self.session.scalar(
            select(Snapshot.id).where(
                Snapshot.source == self.run.source,
                Snapshot.request_key == snapshot.key,
                Snapshot.content_hash == snapshot.content_hash,
            )
        )
        if found is not None:
            return found
        stored = Snapshot(
            run_id=self.run.id, source=self.run.source, request_key=snapshot.key,
            url=snapshot.url, content_hash=snapshot.content_hash,
            retrieved_at=snapshot.retrieved_at, status_code=snapshot.status,
            content_type=snapshot.content_type, body=snapshot.body or b"",
        )  # fmt: skip
        self.session.add(stored)
        self.session.flush()
        return stored.id

    def _store(self, observation: Observation, snapshot_id: int | None) -> ObservationRow:
        row = ObservationRow(
            run_id=self.run.id,
            snapshot_id=snapshot_id,
            source=observation.source,
            kind=observation.kind,
            native_id=observation.native_id[:200],
            jurisdiction_id=observation.jurisdiction_id,
            substance=observation.substance,
            claim=observation.claim(),
            source_url=observation.source_url,
            retrieved_at=observation.retrieved_at,
            excerpt=observation.excerpt,
            content_hash=observation.content_hash,
            outcome="pending",
        )
        self.session.add(row)
        self.session.flush()
        self.tally.observations += 1
        return row
