"""Draining the outbox: claim a batch, compose each message, send it, record the answer;
repeat until nothing is due. Several senders may drain one outbox at once.

The crash window, and why this order. A message is claimed (a lease), sent, and marked sent
in its own transaction as soon as the server has accepted it. A sender that dies before the
server accepted a message leaves it claimed; when the lease runs out another sender sends it,
once. Only a death in the instant between the server's acceptance and that mark makes a
message go out twice, and then with the same Message-ID, by which receivers recognise it. SMTP
cannot close that window (a server may accept a message and the connection drop before its
answer arrives); marking a message sent before sending it would turn the same instant into a
lost message instead, which is worse for news about the law.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from . import letters, outbox
from .db import db, utcnow
from .mail_models import Notification, OutboxMessage, Subscription
from .news import NewsBook
from .transports import TransportDown, transport_for

log = logging.getLogger("service.delivery")


@dataclass
class Tally:
    sent: int = 0
    retried: int = 0
    bounced: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.bounced + self.dropped

    def line(self) -> str:
        return (
            f"{self.sent} sent, {self.retried} to retry, {self.bounced} refused, "
            f"{self.dropped} dropped"
        )


@dataclass
class Batch:
    token: str
    lease_end: object
    messages: list[OutboxMessage]
    subscriptions: dict[int, Subscription] = field(default_factory=dict)
    items: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))


def _load(session, token: str, ids: list[int], lease_end, news: NewsBook) -> Batch:
    messages = session.scalars(
        select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
    ).all()
    batch = Batch(token, lease_end, list(messages))
    wanted = {m.subscription_id for m in messages}
    for subscription in session.scalars(select(Subscription).where(Subscription.id.in_(wanted))):
        batch.subscriptions[subscription.id] = subscription
    notes = select(Notification.message_id, Notification.change_id, Notification.rule_id)
    for message_id, change_id, rule_id in session.execute(
        notes.where(Notification.message_id.in_(ids)).order_by(Notification.id)
    ):
        batch.items[message_id].append((change_id, rule_id))
    news.load(
        ("change", c) if c is not None else ("rule", r)
        for notes in batch.items.values()
        for c, r in notes
    )
    return batch


def drain(app: Flask, transport=None, *, limit: int | None = None) -> Tally:
    """Send what is due now; stop early when the mail server cannot be reached."""
    with app.app_context():
        transport = transport or transport_for(app)
        config, tally, started = app.config, Tally(), utcnow()
        news = NewsBook(db.session)
        while limit is None or tally.total < limit:
            size = min(config["MAIL_BATCH"], limit - tally.total if limit else config["MAIL_BATCH"])
            now = utcnow()
            token, ids = outbox.claim(db.engine, size, config["MAIL_LEASE_SECONDS"], started, now)
            if not ids:
                break
            lease_end = now + timedelta(seconds=config["MAIL_LEASE_SECONDS"] * 0.9)
            batch = _load(db.session, token, ids, lease_end, news)
            going = _send(app, transport, batch, news, tally)
            db.session.remove()
            if not going:
                break
        return tally


def _send(app: Flask, transport, batch: Batch, news: NewsBook, tally: Tally) -> bool:
    try:
        connection = transport.open()
    except TransportDown as exc:
        log.warning("mail: %s", exc)
        _retry_all(app, batch, batch.messages, str(exc), tally)
        return False
    try:
        for position, message in enumerate(batch.messages):
            if utcnow() >= batch.lease_end:
                outbox.release(db.engine, batch.token)  # let a fresh claim take the rest
                return True
            outcome = _deliver(app, connection, message, batch, news, tally)
            if outcome is not None and outcome.connection_lost:
                rest = batch.messages[position + 1 :]
                _retry_all(app, batch, rest, "not sent: the connection was lost", tally)
                return False
    finally:
        connection.close()
    return True


def _retry_all(app: Flask, batch: Batch, messages, reason: str, tally: Tally) -> None:
    for message in messages:
        outbox.retry_later(db.engine, message, batch.token, reason, app.config, utcnow())
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
    return letters.changes(message, subscription, entries)


def _deliver(app: Flask, connection, message: OutboxMessage, batch: Batch, news, tally: Tally):
    engine, config = db.engine, app.config
    try:
        email = _compose(message, batch, news)
    except Exception as exc:  # a composing bug must not stop the other messages
        log.exception("mail: cannot compose outbox message %s", message.id)
        outbox.finish(engine, message, batch.token, outbox.FAILED, f"cannot compose: {exc!r}")
        tally.dropped += 1
        return None
    if isinstance(email, str):
        outbox.finish(engine, message, batch.token, outbox.DROPPED, email)
        tally.dropped += 1
        return None
    outcome = connection.send(email)
    if outcome.result == "sent":
        outbox.mark_sent(engine, message, batch.token, utcnow())
        tally.sent += 1
    elif outcome.result == "bounce":
        limit = config["MAIL_BOUNCE_LIMIT"]
        outbox.bounce(engine, message, batch.token, outcome.reason, limit, utcnow())
        tally.bounced += 1
    else:
        outbox.retry_later(engine, message, batch.token, outcome.reason, config, utcnow())
        tally.retried += 1
    return outcome
