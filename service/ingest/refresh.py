"""Running a source: lock, fetch and parse, store, reconcile, and record the run.

Each run is recorded (start, end, outcome, counts, error). A run that fails for any reason
rolls back everything it did except its own run record, so rules stay as they were; the next
good run starts from the last good run's snapshot hashes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from scrapers.base import Scraper
from scrapers.errors import ScrapeError
from scrapers.snapshot import Memo
from service.db import db, utcnow
from service.locks import job_lock

from . import sources
from .models import ScrapeRun
from .reconcile import Reconcile

log = logging.getLogger("service.refresh")
SUCCESS = ("success", "unchanged")


@dataclass(frozen=True)
class RunSummary:
    id: int
    source: str
    outcome: str
    observations: int
    agreements: int
    review_items: int
    changes: int
    error: str | None

    def line(self) -> str:
        counts = (
            f"{self.observations} observations, {self.agreements} agreements, "
            f"{self.review_items} review items, {self.changes} changes"
        )
        return f"{self.source}: {self.outcome} ({counts})" + (
            f": {self.error}" if self.error else ""
        )


def last_success(session, source: str) -> ScrapeRun | None:
    return session.scalar(
        select(ScrapeRun)
        .where(ScrapeRun.source == source, ScrapeRun.outcome.in_(SUCCESS))
        .order_by(ScrapeRun.started_at.desc(), ScrapeRun.id.desc())
        .limit(1)
    )


def memo_of(run: ScrapeRun | None) -> dict[str, Memo]:
    records = (run.fetches or []) if run is not None else []
    return {record["key"]: Memo.from_record(record) for record in records}


def ran_this_tick(session, source: str, interval_minutes: int, now: datetime) -> bool:
    """Another clock already ran this source for the current tick (within half an interval)."""
    since = now - timedelta(minutes=interval_minutes / 2)
    return (
        session.scalar(
            select(ScrapeRun.id).where(ScrapeRun.source == source, ScrapeRun.started_at > since)
        )
        is not None
    )


def run_source(
    app: Flask,
    name: str,
    *,
    replay: Path | None = None,
    force: bool = False,
    once_per_tick: bool = False,
    **overrides,
) -> RunSummary | None:
    """Run one source under its lock; None when another process holds the lock (or, with
    `once_per_tick`, already ran it this tick). `overrides` go to `sources.build`."""
    lease = app.config["JOB_LOCK_SECONDS"]
    with app.app_context(), job_lock(db.engine, f"scrape:{name}", lease) as held:
        if not held:
            return None
        interval = sources.interval_minutes(app.config, name)
        if once_per_tick and ran_this_tick(db.session, name, interval, utcnow()):
            return None
        memo = {} if force else memo_of(last_success(db.session, name))
        run = _start(name, replay)
        return _execute(run, sources.build(app.config, name, memo, replay, **overrides))


def _start(name: str, replay: Path | None) -> ScrapeRun:
    run = ScrapeRun(source=name, started_at=utcnow(), outcome="running", replay=_text(replay))
    db.session.add(run)
    db.session.commit()
    return run


def _execute(run: ScrapeRun, scraper: Scraper) -> RunSummary:
    run_id = run.id
    try:
        result = scraper.run()
        tally = Reconcile(db.session, run, utcnow()).apply(result)
        outcome = "unchanged" if result.unchanged and not result.observations else "success"
        _finish(run, outcome, scraper, counts=tally.__dict__)
        db.session.commit()
    except ScrapeError as exc:
        db.session.rollback()
        _fail(run_id, exc.outcome, exc.reason, scraper)
    except Exception as exc:  # a bug in one source must not stop the clock, and must be seen
        log.exception("scrape run %s of %s failed", run_id, scraper.name)
        db.session.rollback()
        _fail(run_id, "failed", f"internal error: {type(exc).__name__}: {exc}", scraper)
    return _summary(db.session.get(ScrapeRun, run_id))


def _finish(run: ScrapeRun, outcome: str, scraper: Scraper, counts: dict, error=None) -> None:
    run.outcome, run.error, run.finished_at = outcome, error, utcnow()
    run.fetches = [snapshot.record() for snapshot in scraper.snapshots]
    for name in ("observations", "agreements", "review_items", "changes"):
        setattr(run, name, counts.get(name, 0))


def _fail(run_id: int, outcome: str, reason: str, scraper: Scraper) -> None:
    run = db.session.get(ScrapeRun, run_id)
    _finish(run, outcome, scraper, counts={}, error=reason[:2000])
    db.session.commit()
    log.warning("%s: %s: %s", run.source, outcome, reason)


def _summary(run: ScrapeRun) -> RunSummary:
    return RunSummary(
        run.id,
        run.source,
        run.outcome,
        run.observations,
        run.agreements,
        run.review_items,
        run.changes,
        run.error,
    )


def _text(path: Path | None) -> str | None:
    return str(path)[:500] if path is not None else None
