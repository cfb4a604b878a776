"""Sign-ups answered at once and settled later, so that answering takes the same time for
every address: the request writes one `SignupRequest` row, whatever the address's history, and
the sender (`delivery.drain`, run by the clock and by `mail send`) turns the rows into
subscriptions and confirmation emails before it sends anything. A row is deleted in the
transaction that settles it, so a sign-up is never lost and never settled twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import subscribers
from .models import SignupRequest
from .signup import Place

SETTLE_BATCH = 500


def queue(session: Session, address: str, place: Place, *, scheduled, proposals, now) -> None:
    session.add(
        SignupRequest(
            email=address,
            place_label=place.label[:200],
            chain="\n".join(place.chain),
            incorporated=place.incorporated,
            scheduled=scheduled,
            proposals=proposals,
            requested_at=now,
        )
    )


def settle(session: Session, now: datetime) -> int:
    """Settle every waiting sign-up, oldest first; several senders may run it at once."""
    settled = 0
    while True:
        rows = session.scalars(
            select(SignupRequest)
            .order_by(SignupRequest.id)
            .limit(SETTLE_BATCH)
            .with_for_update(skip_locked=True)
        ).all()
        for row in rows:
            place = Place(row.place_label, tuple(row.chain.split("\n")), row.incorporated)
            options = {"scheduled": row.scheduled, "proposals": row.proposals}
            subscribers.sign_up(session, row.email, place, now=now, **options)
            session.delete(row)
        session.commit()
        settled += len(rows)
        if len(rows) < SETTLE_BATCH:
            return settled
