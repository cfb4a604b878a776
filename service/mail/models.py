"""Database models of change emails: subscriptions, their places, the outbox and its items.

Only what the feature needs is kept: the address, the place (label and chain of division ids),
the options, timestamps and the random nonces behind the signed links. No IP addresses.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.db import db, utcnow
from service.rules.models import UTCDateTime


class Subscription(db.Model):
    """One address following one place. `confirm_nonce` is set while a confirmation link is
    outstanding and cleared when it is used; `manage_nonce` stands behind the manage and
    unsubscribe links of every later email."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("email", "jurisdiction_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    jurisdiction_id: Mapped[str] = mapped_column(String(200))
    place_label: Mapped[str] = mapped_column(String(200))
    # Whether the place lies inside a city or town (None: not known), which decides whether a
    # county rule reaching only unincorporated land applies to it.
    incorporated: Mapped[bool | None] = mapped_column(Boolean)
    scheduled: Mapped[bool] = mapped_column(Boolean, default=True)
    proposals: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirm_nonce: Mapped[str | None] = mapped_column(String(32))
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    manage_nonce: Mapped[str] = mapped_column(String(32))
    bounces: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SubscriptionPlace(db.Model):
    """One division of a subscription's chain (country first), so changes find their readers
    by an indexed lookup."""

    __tablename__ = "subscription_places"
    __table_args__ = (Index("ix_subscription_places_place", "jurisdiction_id", "subscription_id"),)

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction_id: Mapped[str] = mapped_column(String(200))


class OutboxMessage(db.Model):
    """One email to send: a confirmation, or the changes one transaction brought to one
    subscription. Its content is composed when it is sent; `claim` and `claimed_until` are the
    lease of the sender working on it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))  # confirm | changes
    state: Mapped[str] = mapped_column(String(8), default="queued")  # queued|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)


class Notification(db.Model):
    """One piece of news for one subscription, in one message. The unique (subscription,
    event) key is what makes each change reach each subscription once: `change:<id>` for a
    recorded Change, `upcoming:<place>:<substance>:<day>` for a week-ahead reminder."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("subscription_id", "event"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(160))
    change_id: Mapped[int | None] = mapped_column(ForeignKey("changes.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"), index=True)


class SignupRequest(db.Model):
    """A sign-up as it arrived, until the sender settles it into a subscription. Answering a
    sign-up writes exactly this row, whatever the address's history, so the answer takes as
    long for a stranger as for a subscriber and tells nobody which one it was."""

    __tablename__ = "signup_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    place_label: Mapped[str] = mapped_column(String(200))
    chain: Mapped[str] = mapped_column(Text)  # division ids, country first, one per line
    incorporated: Mapped[bool | None] = mapped_column(Boolean)
    scheduled: Mapped[bool] = mapped_column(Boolean)
    proposals: Mapped[bool] = mapped_column(Boolean)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
