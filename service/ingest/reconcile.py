"""Reconcile one run's observations with the rules, following the source's trust policy.

Observations are stored first (append-only), then each is settled: a proposal goes to the
pending proposals, a rule claim is applied (authoritative source) or compared (secondary
source). Nothing here retires a rule: a run that saw less than the last one changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers.base import ScrapeResult
from scrapers.observation import Observation
from service.rules import meta
from service.rules.models import Jurisdiction

from . import pending, review
from .authority import apply_authoritative
from .models import Observation as ObservationRow
from .models import ScrapeRun, Snapshot
from .settling import Settling, Tally
from .trust import policy_for


class Reconcile:
    """One run's reconciling, inside the caller's transaction."""

    def __init__(self, session: Session, run: ScrapeRun, now: datetime):
        self.session = session
        self.run = run
        self.settling = Settling(session, now, policy_for(run.source))
        self.tally = self.settling.tally

    def apply(self, result: ScrapeResult) -> Tally:
        snapshots = self._store_snapshots(result)
        for observation in result.observations:
            row = self._store(observation, snapshots.get(observation.content_hash))
            row.outcome = self._settle(observation, row)
        if self.tally.rules_changed:
            meta.bump_rules_version(self.session)
        self.session.flush()
        return self.tally

    def _settle(self, observation: Observation, row: ObservationRow) -> str:
        if self.session.get(Jurisdiction, observation.jurisdiction_id) is None:
            return "unknown_place"
        if observation.kind == "proposal":
            return pending.apply(self.settling, observation, row)
        if self.settling.policy.authority == "authoritative":
            return apply_authoritative(self.settling, observation, row)
        return review.compare_secondary(self.settling, observation, row)

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
