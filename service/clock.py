"""The `clock` process: runs scheduled jobs, each under a database lock.

    python -m service.clock

Several clocks may run (one per host, say); the lock makes each job run in one of them at a time.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from .db import db, today, utcnow
from .due import record_due_changes
from .locks import job_lock

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


def build_scheduler(app: Flask) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        run_due_job,
        "interval",
        args=[app],
        id="changes_due",
        minutes=app.config["DUE_JOB_MINUTES"],
        next_run_time=utcnow(),
        max_instances=1,
        coalesce=True,
    )
    return scheduler


def main() -> None:
    from . import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    build_scheduler(create_app()).start()


if __name__ == "__main__":
    main()
