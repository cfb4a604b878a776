"""Two clocks over one PostgreSQL database: every job runs once per tick, never twice."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from service.clock import build_scheduler
from service.db import db
from service.ingest.models import ScrapeRun
from service.rules.models import Change
from tests.conftest import _pg_database, make_app
from tests.scrapehelp import FIXTURES


@pytest.fixture
def pg_url(request) -> str:
    return _pg_database(request, request.getfixturevalue("pg_template"))


def test_two_clocks_run_each_job_once_per_tick(pg_url, tmp_path):
    options = {"SCRAPE_REPLAY_DIR": str(FIXTURES), "MAIL_SEND_SECONDS": 3600}
    apps = [make_app(pg_url, tmp_path / n, **options) for n in "ab"]
    done: list[tuple[int, str]] = []
    finished = threading.Event()
    clocks = [build_scheduler(app, BackgroundScheduler(timezone="UTC")) for app in apps]
    jobs = {job.id for job in clocks[0].get_jobs()}
    assert jobs == {"changes_due", "mail_send", "mail_upkeep", "source_alerts"} | {
        f"scrape:{n}"
        for n in ("federal_register", "legiscan", "legistar", "openstates", "wikipedia")
    }

    def listener(clock: int):
        def record(event):
            done.append((clock, event.job_id, event.exception))
            if len(done) == 2 * len(jobs):
                finished.set()

        return record

    for number, clock in enumerate(clocks):
        clock.add_listener(listener(number), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    for clock in clocks:
        clock.start()
    try:
        assert finished.wait(60), f"only {len(done)} of {2 * len(jobs)} job runs finished"
    finally:
        for clock in clocks:
            clock.shutdown(wait=True)
    assert all(exception is None for _, _, exception in done)
    assert Counter(job for _, job, _ in done) == {job: 2 for job in jobs}  # each clock fired
    # mail_send takes no lock: both clocks drain the outbox, each claiming its own rows.
    with apps[0].app_context():
        runs = Counter(db.session.scalars(select(ScrapeRun.source)))
        due = db.session.scalars(select(Change.dedupe_key).where(Change.origin == "schedule"))
        due_keys = list(due)
    assert runs == {name: 1 for name in runs} and len(runs) == 5
    assert len(due_keys) == len(set(due_keys))
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_a_late_second_clock_skips_a_source_already_run_this_tick(pg_url, tmp_path):
    from service.clock import run_scrape_job

    apps = [make_app(pg_url, tmp_path / n, SCRAPE_REPLAY_DIR=str(FIXTURES)) for n in "ab"]
    assert run_scrape_job(apps[0], "wikipedia").outcome == "success"
    time.sleep(0.05)
    assert run_scrape_job(apps[1], "wikipedia") is None
    for app in apps:
        with app.app_context():
            db.engine.dispose()
