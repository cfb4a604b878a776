"""The `clock` process: runs scheduled jobs, each under a database lock.

    python -m service.clock

Jobs: the due-date job, one job per enabled source on its own interval, the source-health
alerts (service/source_alerts.py), and the mail jobs (draining the outbox; reminders and
purging, see service/mail/jobs.py). Several clocks may
run (one per host, say); the lock makes each job run in one of them at a time, and a source job
that finds the source already ran this tick (by another clock) skips it.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from service.ingest.refresh import RunSummary, run_source
from service.rules.due import record_due_changes

from .db import db, today
from .ingest import sources
from .locks import job_lock
from .mail import jobs as mail_jobs
from .schedule import every
from .source_alerts import run_alert_job

log = logging.getLogger("service.clock")


def run_due_job(app: Flask) -> int | None:
    """Record due changes once; None when another process holds the job's lock."""
    lease = app.config["JOB_LOCK_SECONDS"]
    with app.app_context(), job_lock(db.engine, "changes_due", lease) as held:
        if not held:
            log.info("changes_due: another clock holds the lock; skipped")
            return None
        recorded = record_due_changes(db.session, today())
        db.session.commit()
        log.info("changes_due: %d change(s) recorded", len(recorded))
        return len(recorded)


def run_scrape_job(app: Flask, name: str) -> RunSummary | None:
    """Run one source once per tick; None when another clock has it or already ran it."""
    summary = run_source(app, name, replay=app.config["SCRAPE_REPLAY_DIR"], once_per_tick=True)
    log.info("scrape %s: %s", name, summary.line() if summary else "skipped (another clock)")
    return summary


def _add_source_jobs(app: Flask, scheduler) -> None:
    replaying = app.config["SCRAPE_REPLAY_DIR"] is not None
    for name in sources.names():
        reason = sources.disabled_reason(app.config, name)
        if reason and not replaying:
            log.info("scrape %s: disabled (%s)", name, reason)
            continue
        minutes = sources.interval_minutes(app.config, name)
        every(scheduler, run_scrape_job, f"scrape:{name}", [app, name], minutes=minutes)


def build_scheduler(app: Flask, scheduler=None):
    """The clock's jobs on `scheduler` (a blocking one by default)."""
    scheduler = scheduler or BlockingScheduler(timezone="UTC")
    _add_source_jobs(app, scheduler)
    once = {"once_per_tick": True}
    due_minutes = app.config["DUE_JOB_MINUTES"]
    every(scheduler, run_due_job, "changes_due", [app], minutes=due_minutes, **once)
    every(
        scheduler, run_alert_job, "source_alerts", [app],
        minutes=app.config["SOURCE_ALERT_MINUTES"], **once,
    )  # fmt: skip
    mail_jobs.add_jobs(app, scheduler)
    return scheduler


def main() -> None:
    from . import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Every run of every job would be two lines; the jobs log what they did themselves.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    build_scheduler(create_app()).start()


if __name__ == "__main__":
    main()
