"""Rule claims of authoritative sources (the Federal Register): applied directly.

A claim that matches the rule in force on its start day confirms that rule. One that differs is
stored as a rule of the source's own origin (inserted, or updated if the source already gave a
rule starting that day) and recorded as an `observed` Change.
"""

from __future__ import annotations

from scrapers.observation import Observation
from service.rules.models import Rule
from service.rules.values import rule_values

from .models import Observation as ObservationRow
from .observed_rules import active_rule, fill, record_rule_change, source_title
from .settling import Settling


def apply_authoritative(ctx: Settling, observation: Observation, row: ObservationRow) -> str:
    start = observation.effective_from
    day = start or row.retrieved_at.date()
    current = ctx.book.rule_on(observation.jurisdiction_id, observation.substance, day)
    if current is not None and current.status == observation.status:
        return ctx.verify(current.id, row)
    rule = active_rule(
        ctx.session, observation.jurisdiction_id, observation.substance, observation.source, start
    )
    old = rule_values(rule) if rule is not None else None
    rule = _write_rule(ctx, observation, row, rule)
    reference = rule.origin_ref
    record_rule_change(
        ctx.session,
        rule,
        kind="observed",
        old=old,
        before=current.status if current else None,
        origin=observation.source,
        origin_ref=reference,
        now=ctx.now,
    )
    ctx.tally.changes += 1
    ctx.rules_moved()
    return "applied"


def _write_rule(
    ctx: Settling, observation: Observation, row: ObservationRow, rule: Rule | None
) -> Rule:
    if rule is None:
        rule = Rule(
            jurisdiction_id=observation.jurisdiction_id,
            substance=observation.substance,
            origin=observation.source,
        )
    reference = (observation.citation or observation.native_id)[:300]
    title = source_title(observation.source, reference)
    link = (observation.source_url, title, row.retrieved_at.date())
    summary = f"{source_title(observation.source, None)}: {observation.excerpt}"
    claim = observation.claim()
    fill(ctx.session, rule, claim, summary=summary, confidence=ctx.policy.confidence, link=link)
    rule.origin_ref, rule.updated_at = reference, ctx.now
    ctx.session.add(rule)
    ctx.session.flush()
    return rule
