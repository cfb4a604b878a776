"""Rules that come into force (or lapse) by date alone: record each such change exactly once.

The job remembers the last day it has covered (`due_checked_through`, set to the day of the first
curated load) and looks only at days after it, so a transition is announced once even when the
job runs many times a day, and `dedupe_key` guards against two clocks racing.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from . import meta
from .changes import record_change
from .models import Change, Rule
from .rulebook import load_rulebook


def checked_through(session: Session) -> date | None:
    value = meta.get(session, meta.DUE_CHECKED_THROUGH)
    return date.fromisoformat(value) if value else None


def _transitions(session: Session, after: date, through: date) -> list[tuple[str, str, date]]:
    starts = and_(Rule.effective_from > after, Rule.effective_from <= through)
    ends = and_(
        Rule.until_derived.is_(False), Rule.effective_until > after, Rule.effective_until <= through
    )
    rows = session.execute(
        select(
            Rule.jurisdiction_id, Rule.substance, Rule.effective_from, Rule.effective_until
        ).where(Rule.retired_at.is_(None), or_(starts, ends))
    ).all()
    found = set()
    for jurisdiction_id, substance, start, until in rows:
        for day in (start, until):
            if day is not None and after < day <= through:
                found.add((jurisdiction_id, substance, day))
    return sorted(found, key=lambda t: (t[2], t[0], t[1]))


def record_due_changes(session: Session, as_of: date) -> list[Change]:
    """Record a Change for each rule transition in (checked_through, as_of]; return them."""
    after = checked_through(session)
    if after is None:
        meta.put(session, meta.DUE_CHECKED_THROUGH, as_of.isoformat())
        return []
    if as_of <= after:
        return []
    book = load_rulebook(session)
    recorded = []
    for jurisdiction_id, substance, day in _transitions(session, after, as_of):
        key = f"due:{jurisdiction_id}:{substance}:{day.isoformat()}"
        if session.scalar(select(Change.id).where(Change.dedupe_key == key)) is not None:
            continue
        before = book.rule_on(jurisdiction_id, substance, day - timedelta(days=1))
        now = book.rule_on(jurisdiction_id, substance, day)
        change = record_change(
            session,
            jurisdiction_id=jurisdiction_id,
            substance=substance,
            kind="in_force" if now is not None and now.effective_from == day else "lapsed",
            material=True,
            rule_id=(now or before).id,
            old_status=before.status if before else None,
            new_status=now.status if now else None,
            effective_date=day,
            origin="schedule",
            dedupe_key=key,
        )
        recorded.append(change)
    meta.put(session, meta.DUE_CHECKED_THROUGH, as_of.isoformat())
    session.flush()
    return recorded
