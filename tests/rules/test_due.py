"""Rules coming into force by date: one Change each, however often the job runs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from service.db import db
from service.rules import due
from service.rules.models import Change
from tests.changehelp import run_due
from tests.lawset import TETON

KY = TETON  # an invented scenario: regulated, then banned from 2027-01-01 (tests/lawset.py)


def due_changes(app):
    with app.app_context():
        return db.session.scalars(select(Change).where(Change.origin == "schedule")).all()


def test_a_future_rule_is_announced_once_when_it_comes_into_force(app, runner, monkeypatch):
    with app.app_context():
        start = due.checked_through(db.session)
    assert start is not None and start < date(2027, 1, 1)

    first = run_due(runner, monkeypatch, "2027-01-01")
    assert first.exit_code == 0, first.output
    recorded = due_changes(app)
    kentucky = [c for c in recorded if c.jurisdiction_id == KY and c.substance == "kratom"]
    assert len(kentucky) == 1
    change = kentucky[0]
    assert (change.kind, change.old_status, change.new_status) == (
        "in_force",
        "regulated",
        "banned",
    )
    assert change.effective_date == date(2027, 1, 1) and change.material
    assert f"{KY} kratom: regulated -> banned" in first.output

    again = run_due(runner, monkeypatch, "2027-01-01")
    assert again.exit_code == 0 and "0 change(s) recorded" in again.output
    later = run_due(runner, monkeypatch, "2027-02-01")
    assert later.exit_code == 0
    assert len(due_changes(app)) == len(recorded)


def test_nothing_is_announced_for_days_already_covered(app, runner):
    result = runner.invoke(args=["changes", "due", "--as-of", "2020-01-01"])
    assert result.exit_code == 0 and "0 change(s) recorded" in result.output
    assert due_changes(app) == []


def test_a_sunset_is_announced_as_a_lapse(app, runner, monkeypatch):
    result = run_due(runner, monkeypatch, "2028-08-26")
    assert result.exit_code == 0, result.output
    lapses = [c for c in due_changes(app) if c.kind == "lapsed"]
    assert any(c.jurisdiction_id == TETON and c.substance == "7-oh" for c in lapses)


def test_a_bad_date_is_refused_clearly(runner):
    for bad in ("2027-13-01", "tomorrow", "2027-1-1"):
        result = runner.invoke(args=["changes", "due", "--as-of", bad])
        assert result.exit_code == 2
        assert "YYYY-MM-DD" in result.output


def test_a_day_after_today_is_refused_unless_previewed(app, runner):
    result = runner.invoke(args=["changes", "due", "--as-of", "2999-01-01"])
    assert result.exit_code == 2 and "is after today" in result.output
    assert "--preview" in result.output
    assert due_changes(app) == []


def test_a_preview_shows_the_future_and_records_nothing(app, runner):
    with app.app_context():
        start = due.checked_through(db.session)
    result = runner.invoke(args=["changes", "due", "--as-of", "2027-01-01", "--preview"])
    assert result.exit_code == 0, result.output
    assert f"{KY} kratom: regulated -> banned" in result.output
    assert "would be recorded (preview: nothing was)" in result.output
    with app.app_context():
        assert due.checked_through(db.session) == start
    assert due_changes(app) == []
