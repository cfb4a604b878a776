"""Week-ahead reminders: a rule that takes effect within the next LEAD_DAYS days is announced
to the subscriptions that asked for scheduled changes, once per (rule, subscription).

The unique notification key `upcoming:<rule>:<day>` keeps it to once however often the job
runs; a rule whose date moves is announced again for its new day. Rules dated only to a month
or a year are not announced: a reminder needs the day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from service.rules.models import Rule
from service.rules.rulebook import load_rulebook

from .models import Notification
from .notify import Item, enqueue, readers

LEAD_DAYS = 7


@dataclass(frozen=True)
class Upcoming:
    jurisdiction_id: str
    rule_id: int
    day: date

    @property
    def event(self) -> str:
        return f"upcoming:{self.rule_id}:{self.day.isoformat()}"


def upcoming(session: Session, today: date) -> list[Upcoming]:
    """Rules starting in (today, today + LEAD_DAYS] that change what is in force."""
    rows = session.execute(
        select(Rule.jurisdiction_id, Rule.substance, Rule.effective_from)
        .where(
            Rule.retired_at.is_(None),
            Rule.effective_from > today,
            Rule.effective_from <= today + timedelta(days=LEAD_DAYS),
            or_(Rule.effective_from_precision == "day", Rule.effective_from_precision.is_(None)),
        )
        .distinct()
    ).all()
    book, found = load_rulebook(session), []
    for jurisdiction_id, substance, day in rows:
        starting = book.rule_on(jurisdiction_id, substance, day)
        before = book.rule_on(jurisdiction_id, substance, day - timedelta(days=1))
        if starting is None or starting.effective_from != day:
            continue  # another origin's rule decides that day
        if before is not None and (before.status, before.min_age) == (
            starting.status,
            starting.min_age,
        ):
            continue  # same status and age: nothing a reader needs to prepare for
        found.append(Upcoming(jurisdiction_id, starting.id, day))
    return found


def _already_queued(session: Session, events: list[str]) -> set[tuple[int, str]]:
    rows = session.execute(
        select(Notification.subscription_id, Notification.event).where(
            Notification.event.in_(events)
        )
    )
    return {tuple(row) for row in rows}


def queue_reminders(session: Session, today: date) -> int:
    """Queue reminders not yet queued; the number of messages."""
    rules = upcoming(session, today)
    if not rules:
        return 0
    by_place = defaultdict(list)
    for rule in rules:
        by_place[rule.jurisdiction_id].append(rule)
    done = _already_queued(session, [rule.event for rule in rules])
    items: dict[int, list[Item]] = defaultdict(list)
    for subscription_id, place in readers(session, set(by_place), proposals=False, scheduled=True):
        for rule in by_place[place]:
            if (subscription_id, rule.event) not in done:
                items[subscription_id].append(Item(rule.event, rule_id=rule.rule_id))
    return enqueue(session, items)
