"""What a change means for one subscriber: the answer at their own place after it, with every
level of its chain considered ("United States' rule ended; Sarasota County's ban still
applies: still banned"), in the words the pages use."""

from __future__ import annotations

from datetime import date, timedelta

from service import context
from service.answers import build as answers
from service.answers.phrases import Permissions
from service.db import today

from .models import Subscription
from .news import Entry

NAMES = {"kratom": "kratom", "7-oh": "7-OH products"}


def _verdict(subscription: Subscription, substance: str, on: date):
    chain = tuple(context.registry().chain(subscription.jurisdiction_id))
    return answers.verdict_for(chain, on, subscription.incorporated).verdict[substance]


def _words(verdict) -> str:
    phrase = Permissions.of_verdict(verdict).full_phrase
    return phrase[0].lower() + phrase[1:]


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def outcome(subscription: Subscription, entry: Entry) -> str | None:
    """One line: the subscriber's answer for the entry's substance once it takes effect."""
    substance, day = entry.substance_code, entry.effective_date
    if substance not in NAMES or day is None:
        return None
    before = _verdict(subscription, substance, day - timedelta(days=1))
    after = _verdict(subscription, substance, day)
    name, now = NAMES[substance], _words(after)
    decider = after.decided_by
    if _words(before) == now:
        line = f"{name}: still {now}"
        if decider is not None and decider.id != entry.jurisdiction_id:
            line += f" ({decider.name}'s rule still applies)"
        return line + "."
    line = f"{name}: now {now}" if day <= today() else f"{name}: {now} from {_day(day)}"
    return line + (f", decided by {decider.name}." if decider is not None else ".")


def outcomes(subscription: Subscription, entries: list[Entry]) -> list[str]:
    lines = (outcome(subscription, entry) for entry in entries)
    return list(dict.fromkeys(line for line in lines if line))
