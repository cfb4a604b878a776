"""Recorded changes as news: material ones only, newest first, per jurisdiction."""

from __future__ import annotations

from datetime import date

from service.context import registry
from service.db import db
from service.web.recent import count_changes, latest_changes
from tests.changehelp import FL, TN, add_news


def test_latest_changes_are_material_and_newest_first(app):
    add_news(app)
    with app.app_context():
        items = latest_changes(db.session, registry(), limit=10)
        assert [(i.jurisdiction_name, i.sentence) for i in items] == [
            ("Tennessee", "New proposal: A bill to license kratom shops"),
            ("Tennessee", "Kratom is now banned (was regulated)"),
            ("Florida", "New rule for 7-OH: banned"),
        ]
        assert items[1].effective_date == date(2026, 7, 1) and items[0].effective_date is None
        assert count_changes(db.session) == 3


def test_changes_of_one_jurisdiction_and_pages_of_them(app):
    add_news(app)
    with app.app_context():
        assert [i.jurisdiction_id for i in latest_changes(db.session, registry(), 5, 0, FL)] == [FL]
        assert count_changes(db.session, TN) == 2
        second_page = latest_changes(db.session, registry(), limit=2, offset=2)
        assert [i.sentence for i in second_page] == ["New rule for 7-OH: banned"]


def test_a_fresh_load_has_no_news(app):
    with app.app_context():
        assert latest_changes(db.session, registry(), 10) == []
