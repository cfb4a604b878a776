"""How the clock schedules a job: on an interval, first run now, never overlapping itself,
missed runs collapsed into one."""

from __future__ import annotations

from .db import utcnow


def every(scheduler, job, job_id: str, args: list, **interval) -> None:
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
