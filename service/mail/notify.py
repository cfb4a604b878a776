"""Queue change emails in the same transaction as the Changes they announce.

Every path that records Changes (curated import, due job, authoritative sources, review,
proposals) commits through a Session; a hook on that Session collects each material Change it
flushes and, just before the commit, queues one outbox message per subscription whose chain
the Changes touch, with one notification per (change, subscription). The unique key on
notifications refuses a second copy, and the messages commit or roll back with the Changes.
`baseline` and non-material Changes are history, not news; proposals reach only those who asked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from service.db import utcnow
from service.rules.changes import is_news
from service.rules.models import Change

from .models import Notification, OutboxMessage, Subscription, SubscriptionPlace

PROPOSAL_KINDS = ("proposal_added", "proposal_updated", "proposal_removed")
_PENDING = "kratom.new_changes"


class Item(NamedTuple):
    event: str
    change_id: int | None = None
    rule_id: int | None = None


def readers(session: Session, places: set[str], *, proposals: bool, scheduled: bool = False):
    """(subscription id, place) for confirmed, active subscriptions whose chain holds a place."""
    query = (
        select(SubscriptionPlace.subscription_id, SubscriptionPlace.jurisdiction_id)
        .join(Subscription, Subscription.id == SubscriptionPlace.subscription_id)
        .where(
            SubscriptionPlace.jurisdiction_id.in_(sorted(places)),
            Subscription.confirmed_at.is_not(None),
            Subscription.paused_at.is_(None),
        )
    )
    if proposals:
        query = query.where(Subscription.proposals.is_(True))
    if scheduled:
        query = query.where(Subscription.scheduled.is_(True))
    return session.execute(query).all()


def queue_notifications(session: Session, changes) -> int:
    """Queue the news among `changes` (flushed, so they have ids); the messages queued."""
    news = [change for change in changes if is_news(change)]
    if not news:
        return 0
    items: dict[int, list[Item]] = defaultdict(list)
    for is_proposal in (False, True):
        by_place = defaultdict(list)
        for change in news:
            if (change.kind in PROPOSAL_KINDS) == is_proposal:
                by_place[change.jurisdiction_id].append(change)
        if not by_place:
            continue
        for subscription_id, place in readers(session, set(by_place), proposals=is_proposal):
            items[subscription_id] += [Item(f"change:{c.id}", c.id) for c in by_place[place]]
    return enqueue(session, items)


def enqueue(session: Session, items: dict[int, list[Item]]) -> int:
    """One `changes` message per subscription, holding its items."""
    if not items:
        return 0
    now, order = utcnow(), sorted(items)
    rows = [{"subscription_id": s, "kind": "changes", "next_attempt_at": now} for s in order]
    statement = insert(OutboxMessage).returning(OutboxMessage.id, sort_by_parameter_order=True)
    message_ids = session.scalars(statement, rows).all()
    notifications = [
        {"subscription_id": s, "message_id": m, **item._asdict()}
        for s, m in zip(order, message_ids, strict=True)
        for item in dict.fromkeys(items[s])
    ]
    session.execute(insert(Notification), notifications)
    return len(message_ids)


def _collect(session: Session, _context) -> None:
    new = [obj for obj in session.new if isinstance(obj, Change) and is_news(obj)]
    if new:
        session.info.setdefault(_PENDING, []).extend(new)


def _queue_before_commit(session: Session) -> None:
    session.flush()  # Changes added since the last flush are collected too
    pending = session.info.pop(_PENDING, [])
    kept = [change for change in pending if inspect(change).persistent]  # not rolled back
    if kept:
        queue_notifications(session, kept)


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


HOOKS = (
    ("after_flush", _collect),
    ("before_commit", _queue_before_commit),
    ("after_rollback", _forget),
)


def register(sessions) -> None:
    """Queue emails from every commit of `sessions` (a session factory or scoped session)."""
    for name, hook in HOOKS:
        if not event.contains(sessions, name, hook):
            event.listen(sessions, name, hook)
