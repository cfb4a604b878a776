"""The clock's mail jobs and the `mail` commands: draining, reminders, purging."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from service.clock import build_scheduler
from service.db import db, utcnow
from service.locks import job_lock
from service.mail.jobs import run_upkeep_job
from service.mail.models import OutboxMessage, Subscription
from tests.mailhelp import JEFFERSON, KY, change, record, subscribe


def age(app, model, ids, days: int) -> None:
    with app.app_context():
        then = utcnow() - timedelta(days=days)
        db.session.execute(update(model).where(model.id.in_(ids)).values(created_at=then))
        db.session.commit()


def test_upkeep_purges_stale_sign_ups_and_old_mail(app):
    stale = subscribe(app, "stale@example.com", KY, confirmed=False)
    fresh = subscribe(app, "fresh@example.com", KY, confirmed=False)
    old_reader = subscribe(app, "reader@example.com", JEFFERSON)
    age(app, Subscription, [stale, old_reader], 10)
    record(app, change(KY))
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "1 sent" in result.output  # the reader's news
    with app.app_context():
        message_ids = db.session.scalars(select(OutboxMessage.id)).all()
    age(app, OutboxMessage, message_ids, 40)
    done = run_upkeep_job(app)
    assert (done.purged_signups, done.purged_messages) == (1, 1)
    with app.app_context():
        assert sorted(db.session.scalars(select(Subscription.id))) == [fresh, old_reader]


def test_upkeep_runs_in_one_clock_at_a_time(app):
    with app.app_context(), job_lock(db.engine, "mail_upkeep", 60, holder="other-clock"):
        assert run_upkeep_job(app) is None
    assert run_upkeep_job(app) is not None


def test_the_clock_drains_the_outbox_on_its_interval(app):
    scheduler = build_scheduler(app)
    send = scheduler.get_job("mail_send")
    assert send.trigger.interval.total_seconds() == app.config["MAIL_SEND_SECONDS"]
    assert scheduler.get_job("mail_upkeep") is not None
    result = app.test_cli_runner().invoke(args=["mail", "upkeep"])
    assert result.exit_code == 0 and "reminder message(s) queued" in result.output
