"""Recorded changes for page tests, made directly as rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.db import db
from service.rules.models import Change

TN = "ocd-division/country:us/state:tn"
FL = "ocd-division/country:us/state:fl"


def add_change(app, jurisdiction_id: str, kind: str, day: date, **fields) -> None:
    values = {"material": True, "origin": "curated", "substance": "kratom", **fields}
    detected = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    with app.app_context():
        db.session.add(
            Change(jurisdiction_id=jurisdiction_id, kind=kind, detected_at=detected, **values)
        )
        db.session.commit()


def add_news(app) -> None:
    """Three changes that are news and one that is not, on different days."""
    add_change(
        app,
        TN,
        "in_force",
        date(2026, 7, 1),
        old_status="regulated",
        new_status="banned",
        effective_date=date(2026, 7, 1),
    )
    add_change(
        app,
        FL,
        "added",
        date(2026, 6, 22),
        substance="7-oh",
        new_status="banned",
        effective_date=date(2026, 6, 22),
    )
    add_change(
        app,
        TN,
        "proposal_added",
        date(2026, 8, 2),
        substance=None,
        new_values={"title": "A bill to license kratom shops"},
    )
    add_change(app, FL, "updated", date(2026, 9, 1), material=False, fields=["summary"])


def run_due(runner, monkeypatch, day: str):
    """`changes due --as-of <day>` on a clock set to that day: the command refuses a day
    after today, so a test of the future moves the clock there first."""
    monkeypatch.setattr("service.cli.today", lambda: date.fromisoformat(day))
    return runner.invoke(args=["changes", "due", "--as-of", day])
