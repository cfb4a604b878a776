"""How the clock schedules a job: on an interval, first run now, never overlapping itself,
missed runs collapsed into one; and, for jobs that must run in one clock only, once per tick.

Several clocks fire the same jobs at about the same moments. A job lock stops two from running
a job at the same time, but a short job is over before a second clock fires, which would then
run it again. `once_per_tick` jobs therefore also take a lease named `tick:<job>` that is never
released: it runs out after half the interval, so within one tick only the first clock to
fire runs the job, and a clock that stops running leaves the job to the others a tick later.
"""

from __future__ import annotations

import logging
from functools import wraps

from .db import db, utcnow
from .locks import holder_name, try_acquire

log = logging.getLogger("service.clock")


def every(scheduler, job, job_id: str, args: list, once_per_tick: bool = False, **interval):
    if once_per_tick:
        job = _once_per_tick(job, job_id, _seconds(**interval))
    scheduler.add_job(
        job,
        "interval",
        args=args,
        id=job_id,
        next_run_time=utcnow(),
        max_instances=1,
        coalesce=True,
        **interval,
    )


def _seconds(minutes: float = 0, seconds: float = 0) -> float:
    return minutes * 60 + seconds


def _once_per_tick(job, job_id: str, interval_seconds: float):
    @wraps(job)
    def run(app, *args):
        with app.app_context():
            ours = try_acquire(db.engine, f"tick:{job_id}", holder_name(), interval_seconds / 2)
        if not ours:
            log.info("%s: another clock ran it this tick; skipped", job_id)
            return None
        return job(app, *args)

    return run
