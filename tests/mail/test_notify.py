"""Change emails are queued in the Changes' own transaction: for every subscription whose
chain a Change touches, once per (change, subscription), and only for news."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from service.db import db
from service.ingest.models import ReviewItem
from service.mail.models import Notification, OutboxMessage
from service.mail.notify import Item, enqueue
from service.mail.reminders import queue_reminders
from service.rules.models import Change, Proposal
from tests.changehelp import run_due
from tests.ingest.test_reconcile import new_temporary_order
from tests.lawset import TETON
from tests.mailhelp import JEFFERSON, KY, TN, change, record, subscribe
from tests.scrapehelp import fixtures_copy, replay

US = "ocd-division/country:us"


def queued(app) -> Counter:
    """Notifications per subscription id."""
    with app.app_context():
        rows = db.session.scalars(select(Notification.subscription_id))
        return Counter(rows)


def messages(app) -> list[tuple[int, str]]:
    with app.app_context():
        query = select(OutboxMessage.subscription_id, OutboxMessage.kind)
        return db.session.execute(query.order_by(OutboxMessage.id)).all()


def test_a_change_reaches_every_chain_that_holds_its_place(app):
    state = subscribe(app, "state@example.com", KY)
    city = subscribe(app, "city@example.com", JEFFERSON)
    country = subscribe(app, "country@example.com", US)
    elsewhere = subscribe(app, "elsewhere@example.com", TN)
    record(app, change(KY), change(KY, substance="7-oh"))
    assert queued(app) == {state: 2, city: 2}
    assert sorted(messages(app)) == [(state, "changes"), (city, "changes")]
    assert country not in queued(app) and elsewhere not in queued(app)


def test_history_and_wording_are_not_news(app):
    reader = subscribe(app, "reader@example.com", KY)
    record(app, change(KY, "baseline", material=False), change(KY, material=False))
    assert queued(app) == {} and messages(app) == []
    record(app, change(KY, "in_force"))
    assert queued(app) == {reader: 1}


def test_unconfirmed_and_paused_subscriptions_hear_nothing(app):
    subscribe(app, "pending@example.com", KY, confirmed=False)
    subscribe(app, "paused@example.com", KY, paused=True)
    record(app, change(KY))
    assert messages(app) == []


def test_proposals_reach_only_those_who_asked(app):
    wants = subscribe(app, "wants@example.com", KY, proposals=True)
    subscribe(app, "plain@example.com", KY)
    with app.app_context():
        proposal_id = db.session.scalar(select(Proposal.id).limit(1))
    record(app, change(KY, "proposal_added", substance=None, proposal_id=proposal_id))
    assert queued(app) == {wants: 1}


def test_a_rolled_back_transaction_queues_nothing(app):
    subscribe(app, "reader@example.com", KY)
    with app.app_context():
        db.session.add(change(KY))
        db.session.flush()
        db.session.rollback()
        with db.session.begin_nested() as savepoint:
            db.session.add(change(KY))
            db.session.flush()
            savepoint.rollback()
        db.session.commit()
    assert messages(app) == []


def test_the_unique_key_refuses_a_second_copy(app):
    reader = subscribe(app, "reader@example.com", KY)
    [change_id] = record(app, change(KY))
    with app.app_context(), pytest.raises(IntegrityError):
        enqueue(db.session, {reader: [Item(f"change:{change_id}", change_id)]})
        db.session.flush()
    assert queued(app) == {reader: 1}


def test_the_due_job_announces_a_rule_coming_into_force_once(app, runner, monkeypatch):
    reader = subscribe(app, "reader@example.com", TETON)
    preview = runner.invoke(args=["changes", "due", "--as-of", "2027-01-01", "--preview"])
    assert preview.exit_code == 0 and queued(app) == {}  # a preview mails nobody
    for _ in range(2):
        result = run_due(runner, monkeypatch, "2027-01-01")
        assert result.exit_code == 0, result.output
    assert queued(app) == {reader: 1}
    assert messages(app) == [(reader, "changes")]


def test_a_curated_edit_is_announced(app, runner, laws_copy):
    reader = subscribe(app, "reader@example.com", TETON)
    path = laws_copy / "country-us" / "state-wy" / "county-teton.yaml"
    path.write_text(path.read_text().replace("activities: prohibited", "activities: allowed", 1))
    app.config["LAWS_DIR"] = laws_copy
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert queued(app) == {reader: 1}


def test_week_ahead_reminders_go_once_to_those_who_asked(app):
    wants = subscribe(app, "wants@example.com", TETON)
    subscribe(app, "no-reminders@example.com", TETON, scheduled=False)
    with app.app_context():
        assert queue_reminders(db.session, date(2026, 12, 20)) == 0  # twelve days ahead
        assert queue_reminders(db.session, date(2026, 12, 25)) == 1
        assert queue_reminders(db.session, date(2026, 12, 26)) == 0
        db.session.commit()
    assert queued(app) == {wants: 1}
    with app.app_context():
        events = db.session.scalars(select(Notification.event)).all()
    assert all(event.startswith("upcoming:") and event.endswith(":2027-01-01") for event in events)


def events_of(app, subscription_id: int) -> list[str]:
    with app.app_context():
        query = select(Notification.event).where(Notification.subscription_id == subscription_id)
        return db.session.scalars(query).all()


def kinds(app, subscription_id: int) -> Counter:
    with app.app_context():
        query = (
            select(Change.kind)
            .join(Notification, Notification.change_id == Change.id)
            .where(Notification.subscription_id == subscription_id)
        )
        return Counter(db.session.scalars(query))


def test_an_authoritative_source_run_is_announced(app, tmp_path):
    everything = subscribe(app, "all@example.com", JEFFERSON, proposals=True)
    rules_only = subscribe(app, "rules@example.com", JEFFERSON)
    folder = fixtures_copy(
        tmp_path,
        "federal_register",
        **{"search-7-hydroxymitragynine-1.json": new_temporary_order()},
    )
    assert replay(app, "federal_register", folder).changes == 5
    assert kinds(app, rules_only) == {"observed": 1}
    assert kinds(app, everything)["observed"] == 1 and len(events_of(app, everything)) >= 2


def test_an_accepted_review_item_is_announced(app, runner):
    brazil = "ocd-division/country:br"
    reader = subscribe(app, "reader@example.com", brazil)
    replay(app, "wikipedia")
    with app.app_context():
        item_id = db.session.scalar(
            select(ReviewItem.id).where(ReviewItem.jurisdiction_id == brazil)
        )
        assert messages(app) == []  # a disagreement under review is not news
    result = runner.invoke(args=["review", "accept", str(item_id)])
    assert result.exit_code == 0, result.output
    assert kinds(app, reader) == {"reviewed": 1}
