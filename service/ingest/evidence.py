"""The raw responses of failed runs, kept so a person can see why a source broke.

A good run's responses are stored as snapshots beside the observations made from them; a failed
run stores nothing else, so what it fetched (an error page, a changed layout, a refusal) is kept
here instead: the last `PER_RUN` responses of the run, each body cut to `BODY_BYTES`, deleted
after SCRAPE_KEEP_FAILED_DAYS.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from scrapers.snapshot import Snapshot

from .models import FailedResponse

PER_RUN = 20
BODY_BYTES = 1_000_000


def keep(session: Session, run_id: int, snapshots: list[Snapshot]) -> int:
    """Store the run's fetched responses (not those unchanged since the last good run)."""
    fetched = [s for s in snapshots if s.body is not None][-PER_RUN:]
    for snapshot in fetched:
        session.add(
            FailedResponse(
                run_id=run_id,
                request_key=snapshot.key[:120],
                url=snapshot.url[:2000],
                status_code=snapshot.status,
                content_type=(snapshot.content_type or "")[:120] or None,
                content_hash=snapshot.content_hash,
                retrieved_at=snapshot.retrieved_at,
                size=len(snapshot.body),
                body=snapshot.body[:BODY_BYTES],
            )  # fmt: skip
        )
    return len(fetched)


def prune(session: Session, now: datetime, days: int) -> int:
    """Delete kept responses older than `days`."""
    cutoff = now - timedelta(days=days)
    return session.execute(
        delete(FailedResponse).where(FailedResponse.retrieved_at < cutoff)
    ).rowcount
