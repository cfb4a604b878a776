"""A subscription's life: sign-up, the one confirmation, options, unsubscribing, purging.

A sign-up answers the same whatever the address's history, and sends at most one message: a
confirmation for a new sign-up, or a fresh one once the last link has expired. A confirmed
subscription is never changed by a sign-up (only its manage link changes it), and nothing but
the confirmation is ever sent before the owner confirms.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import tokens
from .models import OutboxMessage, Subscription, SubscriptionPlace
from .signup import Place


def sign_up(session: Session, address: str, place: Place, *, scheduled, proposals, now) -> None:
    found = session.scalar(
        select(Subscription).where(
            Subscription.email == address, Subscription.jurisdiction_id == place.jurisdiction_id
        )
    )
    if found is None:
        _create(session, address, place, scheduled, proposals, now)
    elif found.confirmed_at is None and _link_expired(found, now):
        found.scheduled, found.proposals = scheduled, proposals
        _queue_confirmation(session, found, now)


def _link_expired(subscription: Subscription, now: datetime) -> bool:
    sent = subscription.confirm_sent_at
    return sent is None or now - sent > timedelta(seconds=tokens.confirm_max_age())


def _create(session: Session, address: str, place: Place, scheduled, proposals, now) -> None:
    subscription = Subscription(
        email=address,
        jurisdiction_id=place.jurisdiction_id,
        place_label=place.label[:200],
        incorporated=place.incorporated,
        scheduled=scheduled,
        proposals=proposals,
        created_at=now,
        manage_nonce=tokens.new_nonce(),
    )
    try:
        with session.begin_nested():
            session.add(subscription)
            session.flush()
    except IntegrityError:
        return  # the same sign-up, a moment ago, in another request: it has sent its link
    session.add_all(
        SubscriptionPlace(subscription_id=subscription.id, position=i, jurisdiction_id=place_id)
        for i, place_id in enumerate(place.chain)
    )
    _queue_confirmation(session, subscription, now)


def _queue_confirmation(session: Session, subscription: Subscription, now: datetime) -> None:
    subscription.confirm_nonce, subscription.confirm_sent_at = tokens.new_nonce(), now
    session.add(OutboxMessage(subscription_id=subscription.id, kind="confirm", next_attempt_at=now))


def awaiting(session: Session, token: str, lock: bool = False) -> Subscription:
    """The sign-up a confirmation link stands for; TokenError if expired, forged or used."""
    subscription_id, nonce = tokens.read(tokens.CONFIRM, token, tokens.confirm_max_age())
    subscription = session.get(Subscription, subscription_id, with_for_update=lock)
    if subscription is None:
        raise tokens.TokenError("gone")
    if not tokens.same_nonce(subscription.confirm_nonce, nonce):
        raise tokens.TokenError("used")
    return subscription


def confirm(session: Session, token: str, now: datetime) -> Subscription:
    subscription = awaiting(session, token, lock=True)
    subscription.confirm_nonce, subscription.confirmed_at = None, now
    return subscription


def by_manage_token(session: Session, token: str) -> Subscription:
    subscription_id, nonce = tokens.read(tokens.MANAGE, token)
    subscription = session.get(Subscription, subscription_id)
    if subscription is None or not tokens.same_nonce(subscription.manage_nonce, nonce):
        raise tokens.TokenError("gone")  # removed (its id may even be another's now)
    return subscription


def manage_token(subscription: Subscription) -> str:
    return tokens.make(tokens.MANAGE, subscription.id, subscription.manage_nonce)


def confirm_token(subscription: Subscription) -> str:
    return tokens.make(tokens.CONFIRM, subscription.id, subscription.confirm_nonce)


def set_options(subscription: Subscription, *, scheduled: bool, proposals: bool) -> None:
    """The owner used a link from an email, so the address works: a pause for bounces ends."""
    subscription.scheduled, subscription.proposals = scheduled, proposals
    subscription.bounces, subscription.paused_at = 0, None


def remove(session: Session, subscription: Subscription) -> None:
    session.execute(delete(Subscription).where(Subscription.id == subscription.id))
    session.expunge(subscription)


def unsubscribe(session: Session, subscription: Subscription) -> int:
    """Delete every subscription of the address (with their queued mail); how many."""
    address = subscription.email
    session.expunge(subscription)
    return session.execute(delete(Subscription).where(Subscription.email == address)).rowcount


def purge_unconfirmed(session: Session, now: datetime, days: int) -> int:
    stale = delete(Subscription).where(
        Subscription.confirmed_at.is_(None), Subscription.created_at < now - timedelta(days=days)
    )
    return session.execute(stale).rowcount
