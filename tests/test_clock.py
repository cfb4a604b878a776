"""The clock's job lock: one holder at a time, freed on release or when the lease runs out."""

from __future__ import annotations

import threading

from service.clock import build_scheduler, run_due_job
from service.db import db
from service.locks import job_lock, release, try_acquire


def test_only_one_holder_at_a_time(app):
    with app.app_context():
        engine = db.engine
        assert try_acquire(engine, "job", "clock-a", 60)
        assert not try_acquire(engine, "job", "clock-b", 60)
        release(engine, "job", "clock-b")  # not the holder: no effect
        assert not try_acquire(engine, "job", "clock-b", 60)
        release(engine, "job", "clock-a")
        assert try_acquire(engine, "job", "clock-b", 60)


def test_an_expired_lease_can_be_taken_over(app):
    with app.app_context():
        assert try_acquire(db.engine, "job", "crashed-clock", -1)
        assert try_acquire(db.engine, "job", "clock-b", 60)


def test_racing_clocks_get_exactly_one_lock(app):
    with app.app_context():
        engine = db.engine
    results = []
    barrier = threading.Barrier(4)

    def contend(name):
        barrier.wait()
        results.append(try_acquire(engine, "race", name, 60))

    threads = [threading.Thread(target=contend, args=(f"clock-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]


def test_the_due_job_skips_while_another_clock_holds_it(app):
    with app.app_context(), job_lock(db.engine, "changes_due", 60, holder="other-clock") as held:
        assert held
        assert run_due_job(app) is None
    assert run_due_job(app) == 0


def test_the_scheduler_runs_the_due_job_on_its_interval(app):
    scheduler = build_scheduler(app)
    job = scheduler.get_job("changes_due")
    assert job.trigger.interval.total_seconds() == app.config["DUE_JOB_MINUTES"] * 60


def test_a_job_for_one_clock_runs_once_per_tick_however_many_clocks_fire(app):
    from apscheduler.schedulers.background import BackgroundScheduler

    clocks = [build_scheduler(app, BackgroundScheduler(timezone="UTC")) for _ in range(3)]
    runs = [clock.get_job("changes_due").func(app) for clock in clocks]
    assert runs.count(0) == 1 and runs.count(None) == 2  # one ran (nothing due), two skipped
    with app.app_context():  # the tick's lease runs out after half the interval
        assert not try_acquire(db.engine, "tick:changes_due", "a-later-clock", 60)
