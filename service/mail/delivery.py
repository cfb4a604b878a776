"""Draining the outbox: claim a batch, compose each message, send it, record the answer;
repeat until nothing is due. Several senders may drain one outbox at once.

The crash window, and why this order. A message is claimed (a lease), sent, and marked sent
the moment the server has accepted it. A sender that dies before the server accepted a message
leaves it claimed; when the lease runs out another sender sends it, once. Only a death in the
instant between the server's acceptance and that mark (or a crash of the database host, which
may forget the last marks: see `outbox.results_connection`) makes a message go out twice, and
then under the same Message-ID, by which receivers recognise it. SMTP cannot close that window
(a server may accept a message and the connection drop before its answer arrives); marking a
message sent before sending it would turn the same instant into a lost message instead, which
is worse for news about the law.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask

from service.db import db, utcnow

from . import letters, outbox, signup_queue
from .batch import Batch, Tally, load_batch
from .models import OutboxMessage
from .news import NewsBook
from .transports import TransportDown, transport_for

log = logging.getLogger("service.delivery")


def drain(app: Flask, transport=None, *, limit: int | None = None) -> Tally:
    """Send what is due now; stop early when the mail server cannot be reached."""
    with app.app_context():
        transport = transport or transport_for(app)
        config, tally, started = app.config, Tally(), utcnow()
        signup_queue.settle(db.session, started)
        news = NewsBook(db.session)
        while limit is None or tally.total < limit:
            size = min(config["MAIL_BATCH"], limit - tally.total if limit else config["MAIL_BATCH"])
            now = utcnow()
            token, ids = outbox.claim(db.engine, size, config["MAIL_LEASE_SECONDS"], started, now)
            if not ids:
                break
            lease_end = now + timedelta(seconds=config["MAIL_LEASE_SECONDS"] * 0.9)
            batch = load_batch(db.session, token, ids, lease_end, news)
            going = _send(app, transport, batch, news, tally)
            db.session.remove()
            if not going:
                break
        return tally


def _send(app: Flask, transport, batch: Batch, news: NewsBook, tally: Tally) -> bool:
    with outbox.results_connection(db.engine) as db_conn:
        try:
            smtp = transport.open()
        except TransportDown as exc:
            log.warning("mail: %s", exc)
            _retry_all(app, db_conn, batch, batch.messages, str(exc), tally)
            return False
        try:
            return _send_each(app, db_conn, smtp, batch, news, tally)
        finally:
            smtp.close()


def _send_each(app: Flask, db_conn, smtp, batch: Batch, news: NewsBook, tally: Tally) -> bool:
    for position, message in enumerate(batch.messages):
        if utcnow() >= batch.lease_end:
            outbox.release(db_conn, batch.token)  # let a fresh claim take the rest
            return True
        outcome = _deliver(app, db_conn, smtp, message, batch, news, tally)
        if outcome is not None and outcome.connection_lost:
            rest = batch.messages[position + 1 :]
            _retry_all(app, db_conn, batch, rest, "not sent: the connection was lost", tally)
            return False
    return True


def _retry_all(app: Flask, db_conn, batch: Batch, messages, reason: str, tally: Tally) -> None:
    for message in messages:
        outbox.retry_later(db_conn, message, batch.token, reason, app.config, utcnow())
        tally.retried += 1


def _compose(message: OutboxMessage, batch: Batch, news: NewsBook):
    """The email, or the reason it is no longer wanted."""
    subscription = batch.subscriptions.get(message.subscription_id)
    if subscription is None:
        return "the subscription was removed"
    if message.kind == "confirm":
        if subscription.confirm_nonce is None:
            return "the subscription is confirmed already"
        return letters.confirmation(message, subscription)
    if subscription.paused_at is not None:
        return "the subscription is paused after repeated hard bounces"
    entries = [news.get(change_id, rule_id) for change_id, rule_id in batch.items[message.id]]
    return letters.changes(message, subscription, entries, news.rendered)


def _deliver(app: Flask, db_conn, smtp, message: OutboxMessage, batch: Batch, news, tally):
    config = app.config
    try:
        email = _compose(message, batch, news)
    except Exception as exc:  # a composing bug must not stop the other messages
        log.exception("mail: cannot compose outbox message %s", message.id)
        outbox.finish(db_conn, message, batch.token, outbox.FAILED, f"cannot compose: {exc!r}")
        tally.dropped += 1
        return None
    if isinstance(email, str):
        outbox.finish(db_conn, message, batch.token, outbox.DROPPED, email)
        tally.dropped += 1
        return None
    outcome = smtp.send(email)
    if outcome.result == "sent":
        subscription = batch.subscriptions[message.subscription_id]
        outbox.mark_sent(db_conn, message, batch.token, utcnow(), subscription.bounces)
        tally.sent += 1
    elif outcome.result == "bounce":
        limit = config["MAIL_BOUNCE_LIMIT"]
        outbox.bounce(db_conn, message, batch.token, outcome.reason, limit, utcnow())
        tally.bounced += 1
    else:
        outbox.retry_later(db_conn, message, batch.token, outcome.reason, config, utcnow())
        tally.retried += 1
    return outcome
