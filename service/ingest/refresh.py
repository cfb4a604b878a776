"""Running a source: lock, fetch and parse, store, reconcile, and record the run.

Each run is recorded (start, end, outcome, counts, error). A run that fails for any reason
rolls back everything it did except its own run record and the raw responses that explain the
failure (`evidence`), so rules stay as they were; the next good run starts from the last good
run's snapshot hashes. A run with failed parts (one city of several) is `partial`: what the
other parts found counts, and the failed parts are named in its error. A run that a crash or a
kill interrupted is found still `running` when the source next starts, and marked `abandoned`.
After every run the source's health is evaluated (`health`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select, update

from scrapers.base import Scraper
from scrapers.errors import ScrapeError
from scrapers.redact import redact_text
from scrapers.snapshot import Memo
from service.db import db, utcnow
from service.locks import job_lock

from . import evidence, health, sources
from .models import ScrapeRun
from .reconcile import Reconcile

log = logging.getLogger("service.refresh")
SUCCESS = ("success", "unchanged", "partial")


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
        run = _start(app, name, replay)
        summary = _execute(run, sources.build(app.config, name, memo, replay, **overrides))
        health.evaluate(db.session, app.config, name, utcnow())
        db.session.commit()
        return summary


def _start(app: Flask, name: str, replay: Path | None) -> ScrapeRun:
    now = utcnow()
    abandon_interrupted(name, now)
    evidence.prune(db.session, now, app.config["SCRAPE_KEEP_FAILED_DAYS"])
    run = ScrapeRun(source=name, started_at=now, outcome="running", replay=_text(replay))
    db.session.add(run)
    db.session.commit()
    return run


def abandon_interrupted(name: str, now) -> int:
    """Runs of this source still `running`: this process holds the source's lock, so whatever
    ran them is gone (killed, crashed, its machine restarted)."""
    return db.session.execute(
        update(ScrapeRun)
        .where(ScrapeRun.source == name, ScrapeRun.outcome == "running")
        .values(
            outcome="abandoned",
            finished_at=now,
            error="interrupted: the process running it stopped before the run finished",
        )
    ).rowcount


def _execute(run: ScrapeRun, scraper: Scraper) -> RunSummary:
    run_id = run.id
    try:
        result = scraper.run()
        tally = Reconcile(db.session, run, utcnow()).apply(result)
        outcome = "unchanged" if result.unchanged and not result.observations else "success"
        problems = "; ".join(result.problems) or None
        _finish(run, "partial" if problems else outcome, scraper, tally.__dict__, problems)
        evidence.keep(db.session, run.id, scraper.failed_snapshots)
        db.session.commit()
        if problems:
            log.warning("%s: partial: %s", run.source, run.error)
    except ScrapeError as exc:
        db.session.rollback()
        _fail(run_id, exc.outcome, exc.reason, scraper)
    except Exception as exc:  # a bug in one source must not stop the clock, and must be seen
        log.exception("scrape run %s of %s failed", run_id, scraper.name)
        db.session.rollback()
        _fail(run_id, "failed", f"internal error: {type(exc).__name__}: {exc}", scraper)
    return _summary(db.session.get(ScrapeRun, run_id))


def _finish(run: ScrapeRun, outcome: str, scraper: Scraper, counts: dict, error=None) -> None:
    run.outcome, run.finished_at = outcome, utcnow()
    run.error = redact_text(error)[:2000] if error else None
    run.fetches = [snapshot.record() for snapshot in scraper.snapshots]
    for name in ("observations", "agreements", "review_items", "changes"):
        setattr(run, name, counts.get(name, 0))


def _fail(run_id: int, outcome: str, reason: str, scraper: Scraper) -> None:
    run = db.session.get(ScrapeRun, run_id)
    _finish(run, outcome, scraper, counts={}, error=reason)
    if outcome == "failed":
        evidence.keep(db.session, run_id, scraper.failed_snapshots + scraper.snapshots)
    db.session.commit()
    log.warning("%s: %s: %s", run.source, outcome, run.error)


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
