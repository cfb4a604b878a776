"""Source health: incidents after N failed runs or D silent days, one email when they start and
one when they end, /status in words and /status.atom."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from sqlalchemy import select

from service.db import db, utcnow
from service.ingest import health
from service.ingest.models import ScrapeRun, SourceIncident
from service.source_alerts import run_alert_job
from tests.scrapehelp import replay

WIKI = "wikipedia"


def add_runs(app, outcomes, source=WIKI, start=None, error="HTTP 503 from en.wikipedia.org"):
    start = start or utcnow() - timedelta(hours=len(outcomes))
    with app.app_context():
        for number, outcome in enumerate(outcomes):
            at = start + timedelta(hours=number)
            db.session.add(
                ScrapeRun(source=source, started_at=at, finished_at=at, outcome=outcome,
                          error=None if outcome in health.GOOD_OUTCOMES else error)
            )  # fmt: skip
        db.session.commit()


def evaluate(app, source=WIKI, now=None):
    with app.app_context():
        health.evaluate(db.session, app.config, source, now or utcnow())
        db.session.commit()


def incidents(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(SourceIncident).order_by(SourceIncident.id))
        return [(i.source, i.kind, i.closed_at is not None) for i in rows]


def mails(app) -> list:
    outbox = Path(app.instance_path) / "outbox"
    return [message_from_bytes(p.read_bytes(), policy=default) for p in outbox.glob("*.eml")]


def test_failed_runs_below_the_threshold_open_nothing(app):
    add_runs(app, ["success", "failed", "failed"])
    evaluate(app)
    assert incidents(app) == []


def test_n_failed_runs_in_a_row_open_one_incident_until_a_success(app):
    add_runs(app, ["success", "failed", "partial", "abandoned"])
    evaluate(app)
    evaluate(app)
    assert incidents(app) == [(WIKI, "failing", False)]
    with app.app_context():
        [incident] = health.open_incidents(db.session, WIKI)
        words = health.describe(incident)
    assert words.startswith("Failing since ") and "3 runs in a row" in words
    assert "HTTP 503 from en.wikipedia.org" in words
    add_runs(app, ["success"], start=utcnow())
    evaluate(app)
    assert incidents(app) == [(WIKI, "failing", True)]


def test_days_without_a_successful_run_open_a_silent_incident(app):
    add_runs(app, ["success"], start=utcnow() - timedelta(days=4))
    evaluate(app)
    assert incidents(app) == [(WIKI, "silent", False)]
    evaluate(app, now=utcnow() - timedelta(days=2))  # seen from two days ago: not yet silent
    assert incidents(app) == [(WIKI, "silent", True)]


def test_a_disabled_source_has_no_incident(app):
    add_runs(app, ["failed"] * 5, source="legiscan")
    evaluate(app, source="legiscan")
    assert incidents(app) == []


def test_the_operator_is_told_once_when_it_starts_and_once_when_it_ends(app_with):
    app = app_with(OPERATOR_EMAIL="ops@example.org")
    add_runs(app, ["failed"] * 3)
    assert run_alert_job(app) == 1
    assert run_alert_job(app) == 0
    add_runs(app, ["failed"], start=utcnow())
    assert run_alert_job(app) == 0  # still the same incident
    add_runs(app, ["success"], start=utcnow() + timedelta(minutes=1))
    assert run_alert_job(app) == 1
    assert run_alert_job(app) == 0
    sent = sorted(mails(app), key=lambda m: m["Subject"])
    assert [m["Subject"] for m in sent] == [
        "Source health: wikipedia failing",
        "Source health: wikipedia recovered",
    ]
    assert all(m["To"] == "ops@example.org" for m in sent)
    body = sent[0].get_content()
    assert "Failing since" in body and "4 runs in a row failed" not in body  # as first seen
    assert "3 runs in a row failed" in body and "/status" in body


def test_without_an_operator_address_nothing_is_sent(app):
    add_runs(app, ["failed"] * 3)
    assert run_alert_job(app) == 0
    assert incidents(app) == [(WIKI, "failing", False)]


def test_status_page_and_feed_say_what_is_wrong_and_since_when(app, client):
    replay(app, "federal_register")
    add_runs(app, ["failed"] * 3)
    evaluate(app)
    page = client.get("/status").get_data(as_text=True)
    assert "<h1>Source health</h1>" in page and "Failing since" in page
    assert "3 runs in a row failed; the last said: HTTP 503" in page
    feed = client.get("/status.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    text = feed.get_data(as_text=True)
    assert "Wikipedia: Mitragyna speciosa, legal status (wikipedia): failing" in text
    assert "Failing since" in text
    assert client.get("/status.atom?x=1").status_code == 400


def test_a_run_evaluates_its_source_health(app_with, tmp_path):
    app = app_with(SOURCE_ALERT_FAILED_RUNS=1)
    broken = tmp_path / "broken" / WIKI
    broken.mkdir(parents=True)
    (broken / "revisions.json").write_bytes(b"{")
    assert replay(app, WIKI, broken.parent).outcome == "failed"
    assert incidents(app) == [(WIKI, "failing", False)]
    assert replay(app, WIKI).outcome == "success"
    assert incidents(app) == [(WIKI, "failing", True)]
