"""Delivering the outbox to a real SMTP server on loopback: content and headers, outages in
the middle of a fan-out, retries, bounces, and senders that die."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, update

from service.db import db, utcnow
from service.mail import outbox
from service.mail.delivery import drain
from service.mail.models import OutboxMessage, Subscription
from service.mail.transports import SmtpTransport
from tests.conftest import _app_fixture
from tests.mailhelp import JEFFERSON, KY, change, record, subscribe, text_of


@pytest.fixture
def mail_app(database_url, tmp_path, sink):
    yield from _app_fixture(
        database_url,
        tmp_path,
        SMTP_URL=sink.url,
        PUBLIC_URL="https://kratom.example.org",
        MAIL_RETRY_SECONDS="0",
        MAIL_BATCH="7",
    )


def states(app) -> dict[str, int]:
    with app.app_context():
        return outbox.counts(db.session)


def readers(app, count: int) -> list[str]:
    addresses = [f"reader{n}@example.com" for n in range(count)]
    for address in addresses:
        subscribe(app, address, JEFFERSON)
    return addresses


def test_a_change_arrives_with_its_details_and_one_click_unsubscribe(mail_app, sink):
    subscribe(mail_app, "ann@example.com", JEFFERSON)
    record(mail_app, change(KY, "in_force", old="regulated", new="banned"))
    assert drain(mail_app).sent == 1
    [message] = sink.messages
    assert message["To"] == "ann@example.com"
    assert message["Subject"] == "Kratom law: 1 change for Jefferson County, Kentucky"
    assert message["List-Unsubscribe"].startswith("<https://kratom.example.org/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [raw] = sink.recorder.raw  # as written on the wire: one line, the URL in clear
    one_click = re.search(rb"^List-Unsubscribe: <(https://[^>\s]+)>\r\n", raw, re.MULTILINE)
    assert one_click and one_click.group(1).decode() == message["List-Unsubscribe"][1:-1]
    assert message["Message-ID"].endswith("@localhost>")
    text = text_of(message)
    assert "Kentucky, kratom leaf: Now in force" in text
    assert "Status: regulated -> banned" in text and "Takes effect: 2027-03-01" in text
    assert "https://kratom.example.org/subscriptions/manage/" in text
    html = message.get_body(("html",)).get_content()
    assert "regulated &rarr; <strong>banned</strong>" in html
    assert states(mail_app) == {"sent": 1}


@pytest.mark.parametrize("mode", ["421", "drop"])
def test_an_outage_in_the_middle_of_a_fan_out_loses_and_repeats_nothing(mail_app, sink, mode):
    addresses = readers(mail_app, 25)
    record(mail_app, change(KY))
    sink.recorder.down_after, sink.recorder.mode = 10, mode
    first = drain(mail_app)
    assert (first.sent, len(sink.messages)) == (10, 10)
    assert states(mail_app) == {"sent": 10, "queued": 15}
    assert drain(mail_app).sent == 0  # still down: the next message fails, the rest wait
    sink.recorder.down_after = None
    assert drain(mail_app).sent == 15
    assert sink.recipients() == {address: 1 for address in addresses}
    assert set(sink.message_ids().values()) == {1}
    assert states(mail_app) == {"sent": 25}


def test_an_unreachable_server_leaves_every_message_for_later(mail_app, sink):
    addresses = readers(mail_app, 3)
    record(mail_app, change(KY))
    sink.stop()
    assert drain(mail_app).retried == 3
    with mail_app.app_context():
        rows = db.session.scalars(select(OutboxMessage)).all()
        assert {(m.state, m.attempts) for m in rows} == {("queued", 1)}
        assert all("cannot reach" in m.error for m in rows)
    sink.start()
    assert drain(mail_app).sent == 3
    assert sink.recipients() == {address: 1 for address in addresses}


def test_temporary_refusals_back_off_then_give_up(mail_app, sink):
    subscribe(mail_app, "grey@example.com", JEFFERSON)
    sink.recorder.refuse["grey@example.com"] = "451 4.7.1 Greylisted, try later"
    record(mail_app, change(KY))
    mail_app.config.update(MAIL_RETRY_SECONDS=60, MAIL_MAX_ATTEMPTS=2)
    before = utcnow()
    assert drain(mail_app).retried == 1
    with mail_app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert (message.state, message.attempts) == ("queued", 1)
        assert "451 4.7.1 Greylisted" in message.error
        assert timedelta(seconds=59) < message.next_attempt_at - before < timedelta(seconds=65)
    assert drain(mail_app).total == 0  # not due yet
    with mail_app.app_context():
        db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
        db.session.commit()
    drain(mail_app)
    with mail_app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.state == "failed" and message.error.startswith("gave up after 2 attempts")
    assert outbox.backoff(60, 1) == 60 and outbox.backoff(60, 3) == 240
    assert outbox.backoff(60, 30) == outbox.MAX_BACKOFF_SECONDS


def test_hard_bounces_are_recorded_and_pause_the_subscription(mail_app, sink):
    mail_app.config["MAIL_BOUNCE_LIMIT"] = 2
    subscribe(mail_app, "gone@example.com", JEFFERSON)
    sink.recorder.refuse["gone@example.com"] = "550 5.1.1 No such user"
    for _ in range(2):
        record(mail_app, change(KY))
        assert drain(mail_app).bounced == 1
    with mail_app.app_context():
        subscription = db.session.scalar(select(Subscription))
        assert subscription.bounces == 2 and subscription.paused_at is not None
    record(mail_app, change(KY))
    assert states(mail_app) == {"failed": 2}  # paused: nothing more is queued
    status = mail_app.test_cli_runner().invoke(args=["mail", "status"])
    assert "0 queued, 0 sending, 0 sent, 2 failed" in status.output
    assert "to gone@example.com: 550 5.1.1 No such user" in status.output


def test_a_dead_senders_claim_is_taken_over_when_its_lease_ends(mail_app, sink):
    readers(mail_app, 3)
    record(mail_app, change(KY))
    with mail_app.app_context():
        now = utcnow()
        _, held = outbox.claim(db.engine, 2, 300, now, now)  # a live sender holds two
    assert drain(mail_app).sent == 1
    with mail_app.app_context():
        db.session.execute(
            update(OutboxMessage).values(claimed_until=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert drain(mail_app).sent == 2
    assert len(sink.messages) == 3 and set(sink.message_ids().values()) == {1}


class CrashAfterSending:
    """A transport whose process dies right after the server accepted a message."""

    def __init__(self, real):
        self.real = real

    def open(self):
        connection = self.real.open()
        real_send = connection.send

        def send(message):
            real_send(message)
            raise SystemExit("killed")

        connection.send = send
        return connection


def test_the_crash_window_repeats_a_message_under_the_same_message_id(mail_app, sink):
    subscribe(mail_app, "ann@example.com", JEFFERSON)
    record(mail_app, change(KY))
    real = SmtpTransport(mail_app.config["SMTP_URL"], 5)
    with pytest.raises(SystemExit):
        drain(mail_app, CrashAfterSending(real))
    assert states(mail_app) == {"sending": 1}
    with mail_app.app_context():
        db.session.execute(
            update(OutboxMessage).values(claimed_until=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert drain(mail_app).sent == 1
    first, second = sink.messages
    assert first["Message-ID"] == second["Message-ID"]


def test_without_smtp_url_messages_become_eml_files_once(app, tmp_path):
    subscribe(app, "ann@example.com", JEFFERSON)
    record(app, change(KY))
    assert drain(app).sent == 1
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(state="queued"))  # as if sent again
        db.session.commit()
    assert drain(app).sent == 1
    [written] = (tmp_path / "instance" / "outbox").glob("*.eml")
    assert b"To: ann@example.com" in written.read_bytes()


def test_results_are_committed_without_waiting_for_the_disk_then_it_is_restored(app):
    engine = create_engine(app.config["DATABASE_URL"], pool_size=1, max_overflow=0)
    sqlite = engine.dialect.name == "sqlite"
    ask = "PRAGMA synchronous" if sqlite else "SHOW synchronous_commit"
    with engine.connect() as conn:
        before = conn.exec_driver_sql(ask).scalar()
    with outbox.results_connection(engine) as conn:
        assert str(conn.exec_driver_sql(ask).scalar()) == ("1" if sqlite else "off")
        conn.rollback()
    with engine.connect() as conn:
        assert conn.exec_driver_sql(ask).scalar() == before
    engine.dispose()
