"""The outbox table: claiming due messages for one sender, and recording how each send went.

On PostgreSQL a sender claims a batch by selecting due rows `FOR UPDATE SKIP LOCKED` and
marking them in the same transaction, so concurrent senders skip each other's rows instead of
waiting or taking them twice; SQLite has one writer at a time, so one conditional UPDATE is
atomic there. A claim is a lease: the messages of a sender that died are taken over when it
runs out. Each result is written in its own short transaction (on the sender's one
connection) the moment the server has answered, and only while the claim is still the
sender's own.
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from .models import OutboxMessage, Subscription

QUEUED, SENDING, SENT, FAILED, DROPPED = "queued", "sending", "sent", "failed", "dropped"
MAX_BACKOFF_SECONDS = 6 * 3600
KEEP_DAYS = 30


def _due(due_by: datetime, now: datetime):
    """Queued messages due by `due_by`, and messages whose sender's lease ran out by `now`."""
    queued = and_(OutboxMessage.state == QUEUED, OutboxMessage.next_attempt_at <= due_by)
    abandoned = and_(OutboxMessage.state == SENDING, OutboxMessage.claimed_until < now)
    return or_(queued, abandoned)


def claim(engine: Engine, size: int, lease_seconds: int, due_by: datetime, now: datetime):
    """Claim up to `size` messages due by `due_by`; (claim token, their ids in order)."""
    token = secrets.token_hex(16)
    due = _due(due_by, now)
    free = (
        select(OutboxMessage.id)
        .where(due)
        .order_by(OutboxMessage.id)
        .limit(size)
        .with_for_update(skip_locked=True)
    )
    lease = {"claim": token, "claimed_until": now + timedelta(seconds=lease_seconds)}
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Locked until this commits, and skipped meanwhile by the other senders. (Inside
            # the UPDATE, PostgreSQL may run a LIMIT subquery more than once.)
            chosen = OutboxMessage.id.in_(conn.scalars(free).all())
        else:
            chosen = OutboxMessage.id.in_(free)  # one statement; SQLite has one writer at a time
        conn.execute(update(OutboxMessage).where(chosen, due).values(state=SENDING, **lease))
        ids = conn.scalars(
            select(OutboxMessage.id).where(OutboxMessage.claim == token).order_by(OutboxMessage.id)
        ).all()
    return token, list(ids)


@contextmanager
def results_connection(engine: Engine):
    """The connection a sender records its results on. They are committed without waiting for
    the disk (SQLite `synchronous=NORMAL` in WAL mode, PostgreSQL `synchronous_commit=off`):
    safe if the sender dies, since the database has them; only a crash of the database host
    can forget the last few, whose messages are then sent again under their Message-ID."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            level = int(conn.exec_driver_sql("PRAGMA synchronous").scalar())
            relax, restore = "PRAGMA synchronous=NORMAL", f"PRAGMA synchronous={level}"
        else:
            relax, restore = "SET synchronous_commit TO OFF", "RESET synchronous_commit"
        conn.exec_driver_sql(relax)
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(restore)
            conn.commit()


def _record(conn, message_id: int, token: str, **values) -> bool:
    done = conn.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claim == token)
        .values(claim=None, claimed_until=None, **values)
    )
    return done.rowcount == 1


def mark_sent(conn: Connection, message: OutboxMessage, token: str, now: datetime, bounces=0):
    """Sent; a subscription's count of hard bounces in a row starts again."""
    with conn.begin():
        if _record(conn, message.id, token, state=SENT, sent_at=now, error=None) and bounces:
            conn.execute(
                update(Subscription)
                .where(Subscription.id == message.subscription_id, Subscription.bounces > 0)
                .values(bounces=0)
            )


def backoff(first_seconds: float, attempts: int) -> float:
    return min(first_seconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)


def retry_later(conn: Connection, message: OutboxMessage, token: str, reason: str, config, now):
    """A temporary failure: try again after a growing wait, or give up after the last try."""
    attempts = message.attempts + 1
    if attempts >= config["MAIL_MAX_ATTEMPTS"]:
        values = {"state": FAILED, "error": f"gave up after {attempts} attempts: {reason}"}
    else:
        wait = timedelta(seconds=backoff(config["MAIL_RETRY_SECONDS"], attempts))
        values = {"state": QUEUED, "error": reason, "next_attempt_at": now + wait}
    with conn.begin():
        _record(conn, message.id, token, attempts=attempts, **values)


def bounce(conn: Connection, message: OutboxMessage, token: str, reason: str, limit: int, now):
    """A permanent refusal: record why, count it, and pause the subscription at the limit."""
    subscription = Subscription.id == message.subscription_id
    with conn.begin():
        if not _record(
            conn, message.id, token, state=FAILED, error=reason, attempts=message.attempts + 1
        ):
            return
        conn.execute(
            update(Subscription).where(subscription).values(bounces=Subscription.bounces + 1)
        )
        conn.execute(
            update(Subscription)
            .where(subscription, Subscription.bounces >= limit, Subscription.paused_at.is_(None))
            .values(paused_at=now)
        )


def finish(conn: Connection, message: OutboxMessage, token: str, state: str, reason: str) -> None:
    """End a message that is not sent: `dropped` (no longer wanted) or `failed`."""
    with conn.begin():
        _record(conn, message.id, token, state=state, error=reason)


def release(conn: Connection, token: str) -> None:
    """Hand back what is left of a claim, untried, for the next claim to take."""
    with conn.begin():
        conn.execute(
            update(OutboxMessage)
            .where(OutboxMessage.claim == token, OutboxMessage.state == SENDING)
            .values(state=QUEUED, claim=None, claimed_until=None)
        )


def purge_old(session: Session, now: datetime) -> int:
    """Forget finished messages after KEEP_DAYS (their notifications go with them)."""
    finished = OutboxMessage.state.in_((SENT, FAILED, DROPPED))
    old = OutboxMessage.created_at < now - timedelta(days=KEEP_DAYS)
    return session.execute(delete(OutboxMessage).where(finished, old)).rowcount


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))
    return {state: number for state, number in rows}
