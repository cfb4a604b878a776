"""Rule claims by trust policy, and the review queue.

An authoritative claim that matches the rule in force confirms it; one that differs becomes a
rule of the source's own origin. A secondary claim that agrees confirms the rule in force; one
that disagrees opens a review item saying why. A person accepts an item (it becomes a rule of
origin `review`, recorded as a Change) or rejects it with a reason.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers.observation import Observation

from . import meta
from .curated import rule_values
from .models import Rule
from .observed_rules import active_rule, fill, record_change, source_title
from .rulebook import RuleView, load_rulebook
from .scrape_models import Observation as ObservationRow
from .scrape_models import ReviewItem

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


class ReviewError(ValueError):
    """A review decision that cannot be made; the message says why."""


def apply_authoritative(ctx, observation: Observation, row: ObservationRow) -> str:
    claim, start = observation.claim(), observation.effective_from
    jurisdiction, substance = observation.jurisdiction_id, observation.substance
    current = ctx.book.rule_on(jurisdiction, substance, start or row.retrieved_at.date())
    if current is not None and current.status == observation.status:
        return ctx.verify(current.id, row)
    rule = active_rule(ctx.session, jurisdiction, substance, observation.source, start)
    old = rule_values(rule) if rule is not None else None
    if rule is None:
        rule = Rule(jurisdiction_id=jurisdiction, substance=substance, origin=observation.source)
        ctx.session.add(rule)
    reference = observation.citation or observation.native_id
    link = (
        observation.source_url,
        source_title(observation.source, reference),
        row.retrieved_at.date(),
    )
    summary = f"{source_title(observation.source, None)}: {observation.excerpt}"
    fill(ctx.session, rule, claim, summary=summary, confidence=ctx.policy.confidence, link=link)
    rule.origin_ref, rule.updated_at = reference[:300], ctx.now
    ctx.session.flush()
    record_change(
        ctx.session,
        rule,
        kind="observed",
        old=old,
        origin=observation.source,
        before=current.status if current else None,
        origin_ref=reference,
        now=ctx.now,
    )
    ctx.tally.changes += 1
    ctx.rules_moved()
    return "applied"


def compare_secondary(ctx, observation: Observation, row: ObservationRow) -> str:
    current = ctx.book.rule_on(
        observation.jurisdiction_id, observation.substance, row.retrieved_at.date()
    )
    if current is not None and ctx.policy.agrees(observation.status, current.status):
        return ctx.verify(current.id, row)
    return open_item(ctx, observation, row, current)


def describe(current: RuleView | None) -> str:
    if current is None:
        return "no rule on record"
    who = "curated" if current.origin == "curated" else f"{current.origin}"
    return f"{who} rule says {current.status}"


def open_item(ctx, observation: Observation, row: ObservationRow, current: RuleView | None):
    current_id = current.id if current else None
    known = ctx.session.scalar(
        select(ReviewItem.id).where(
            ReviewItem.source == observation.source,
            ReviewItem.jurisdiction_id == observation.jurisdiction_id,
            ReviewItem.substance == observation.substance,
            ReviewItem.claimed_status == observation.status,
            ReviewItem.current_rule_id.is_(None)
            if current_id is None
            else ReviewItem.current_rule_id == current_id,
            ReviewItem.state.in_((OPEN, REJECTED)),
        )
    )
    if known is not None:
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
    claim = dict(observed.claim)
    start = start or _day(claim.get("effective_from")) or observed.retrieved_at.date()
    if active_rule(session, item.jurisdiction_id, item.substance, "review", start) is not None:
        raise ReviewError(f"a reviewed rule already starts on {start}; choose another day")
    before = load_rulebook(session).rule_on(item.jurisdiction_id, item.substance, start)
    rule = Rule(jurisdiction_id=item.jurisdiction_id, substance=item.substance, origin="review")
    session.add(rule)
    claim.update(effective_from=start.isoformat(), effective_until=None)
    link = (observed.source_url, source_title(item.source, None), observed.retrieved_at.date())
    fill(
        session,
        rule,
        claim,
        summary=f"Accepted on review: {observed.excerpt}",
        confidence="medium",
        link=link,
    )
    rule.origin_ref = f"review:{item.id}"
    session.flush()
    record_change(
        session,
        rule,
        kind="reviewed",
        old=None,
        origin="review",
        before=before.status if before else None,
        origin_ref=rule.origin_ref,
        now=now,
    )
    item.state, item.decided_at, item.decision_note, item.rule_id = ACCEPTED, now, note, rule.id
    meta.bump_rules_version(session)
    return rule


def reject(session: Session, item_id: int, now: datetime, reason: str) -> ReviewItem:
    if not reason or not reason.strip():
        raise ReviewError("say why the item is rejected (--reason)")
    item = open_item_or_fail(session, item_id)
    item.state, item.decided_at, item.decision_note = REJECTED, now, reason.strip()
    return item


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None
