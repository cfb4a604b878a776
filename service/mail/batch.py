"""What a sender works on: one claimed batch of outbox messages, loaded with everything
composing them needs in a few queries, and the tally of a sending run."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Notification, OutboxMessage, Subscription
from .news import NewsBook


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
    lease_end: datetime
    messages: list[OutboxMessage]
    subscriptions: dict[int, Subscription] = field(default_factory=dict)
    items: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))


def load_batch(session: Session, token: str, ids: list[int], lease_end, news: NewsBook) -> Batch:
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
        for items in batch.items.values()
        for c, r in items
    )
    return batch
