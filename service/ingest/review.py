"""Secondary rule claims and the review queue.

A secondary claim that agrees with the rule in force confirms it; one that disagrees opens a
review item saying why (once: the same disagreement is not raised again while open, nor after a
person rejected it). A person accepts an item (it becomes a rule of origin `review`, recorded
as a Change) or rejects it with a reason.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers.observation import Observation
from service.rules import meta
from service.rules.models import Rule
from service.rules.rulebook import load_rulebook
from service.rules.views import RuleView

from .models import Observation as ObservationRow
from .models import ReviewItem
from .observed_rules import active_rule, fill, record_rule_change, source_title
from .settling import Settling

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


class ReviewError(ValueError):
    """A review decision that cannot be made; the message says why."""


def compare_secondary(ctx: Settling, observation: Observation, row: ObservationRow) -> str:
    current = ctx.book.rule_on(
        observation.jurisdiction_id, observation.substance, row.retrieved_at.date()
    )
    if current is not None and ctx.policy.agrees(observation.status, current.status):
        return ctx.verify(current.id, row)
    return open_item(ctx, observation, row, current)


def describe(current: RuleView | None) -> str:
    if current is None:
        return "no rule on record"
    return f"{current.origin} rule says {current.status}"


def _already_raised(session: Session, observation: Observation, current_id: int | None) -> bool:
    same_rule = (
        ReviewItem.current_rule_id.is_(None)
        if current_id is None
        else ReviewItem.current_rule_id == current_id
    )
    found = session.scalar(
        select(ReviewItem.id).where(
            ReviewItem.source == observation.source,
            ReviewItem.jurisdiction_id == observation.jurisdiction_id,
            ReviewItem.substance == observation.substance,
            ReviewItem.claimed_status == observation.status,
            same_rule,
            ReviewItem.state.in_((OPEN, REJECTED)),
        )
    )
    return found is not None


def open_item(
    ctx: Settling, observation: Observation, row: ObservationRow, current: RuleView | None
):
    current_id = current.id if current else None
    if _already_raised(ctx.session, observation, current_id):
        return "review_known"
    ctx.session.add(
        ReviewItem(
            observation_id=row.id,
            source=observation.source,
            jurisdiction_id=observation.jurisdiction_id,
            substance=observation.substance,
            claimed_status=observation.status,
            current_status=current.status if current else None,
            current_rule_id=current_id,
            reason=f"{observation.source} says {observation.status}, {describe(current)}",
            created_at=ctx.now,
        )
    )
    ctx.tally.review_items += 1
    return "review"


def open_item_or_fail(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise ReviewError(f"there is no review item {item_id}")
    if item.state != OPEN:
        raise ReviewError(f"review item {item_id} was already {item.state}")
    return item


def accept(
    session: Session,
    item_id: int,
    now: datetime,
    start: date | None = None,
    note: str | None = None,
) -> Rule:
    """Apply the item's claim as a rule of origin `review` from `start` (default: the claim's
    own start, else the day it was observed) and record the Change."""
    item = open_item_or_fail(session, item_id)
    observed = session.get(ObservationRow, item.observation_id)
    start = start or _day(observed.claim.get("effective_from")) or observed.retrieved_at.date()
    if active_rule(session, item.jurisdiction_id, item.substance, "review", start) is not None:
        raise ReviewError(f"a reviewed rule already starts on {start}; choose another day")
    before = load_rulebook(session).rule_on(item.jurisdiction_id, item.substance, start)
    rule = _reviewed_rule(session, item, observed, start)
    record_rule_change(
        session,
        rule,
        kind="reviewed",
        old=None,
        before=before.status if before else None,
        origin="review",
        origin_ref=rule.origin_ref,
        now=now,
    )
    item.state, item.decided_at, item.decision_note, item.rule_id = ACCEPTED, now, note, rule.id
    meta.bump_rules_version(session)
    return rule


def _reviewed_rule(session: Session, item: ReviewItem, observed: ObservationRow, start) -> Rule:
    rule = Rule(jurisdiction_id=item.jurisdiction_id, substance=item.substance, origin="review")
    claim = {**observed.claim, "effective_from": start.isoformat(), "effective_until": None}
    link = (observed.source_url, source_title(item.source, None), observed.retrieved_at.date())
    summary = f"Accepted on review: {observed.excerpt}"
    fill(session, rule, claim, summary=summary, confidence="medium", link=link)
    rule.origin_ref = f"review:{item.id}"
    session.add(rule)
    session.flush()
    return rule


def reject(session: Session, item_id: int, now: datetime, reason: str) -> ReviewItem:
    if not reason or not reason.strip():
        raise ReviewError("say why the item is rejected (--reason)")
    item = open_item_or_fail(session, item_id)
    item.state, item.decided_at, item.decision_note = REJECTED, now, reason.strip()
    return item


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None
