"""Rules that come from sources rather than curated files: applied directly from an
authoritative source, or from a review item a person accepted. Each is recorded as a Change.

These rules carry their own origin (the source's name, or `review`) and never touch curated
rows, which belong to the law files; the rule book decides between overlapping origins.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurisdictions.vocabulary import activities_for_status, prohibited_activities
from scrapers import SCRAPERS
from service.rules.changes import record_change
from service.rules.models import Change, Rule, RuleSource, Source
from service.rules.values import content_hash, rule_values


def source_row(session: Session, url: str, title: str) -> Source:
    found = session.scalar(select(Source).where(Source.url == url))
    if found is None:
        found = Source(url=url, title=title[:300])
        session.add(found)
    return found


def source_title(source: str, reference: str | None) -> str:
    title = SCRAPERS[source].title if source in SCRAPERS else source
    return f"{title}: {reference}" if reference else title


def active_rule(session: Session, jurisdiction_id: str, substance: str, origin: str, start):
    starts = Rule.effective_from.is_(None) if start is None else Rule.effective_from == start
    return session.scalar(
        select(Rule).where(
            Rule.jurisdiction_id == jurisdiction_id,
            Rule.substance == substance,
            Rule.origin == origin,
            starts,
            Rule.retired_at.is_(None),
        )
    )


def fill(session: Session, rule: Rule, claim: dict, *, summary: str, confidence: str, link):
    """Set a source-made rule's content from a claim; `link` is (url, title, retrieved day),
    which is also the day the rule was last verified."""
    start, until = _day(claim.get("effective_from")), _day(claim.get("effective_until"))
    activities, conditions = activities_for_status(claim["status"], claim.get("min_age"))
    rule.status = claim["status"]
    rule.activities, rule.conditions = activities, list(conditions) or None
    rule.min_age = claim.get("min_age") if "age_limited" in activities.values() else None
    rule.product_limits, rule.scope, rule.basis = None, "whole", "specific_law"
    rule.in_force_by, rule.conflict = None, None
    rule.covers = list(prohibited_activities(activities)) or None
    rule.effective_from, rule.effective_from_precision = start, "day" if start else None
    rule.effective_until, rule.effective_until_precision = until, "day" if until else None
    rule.until_derived, rule.date_note = False, None
    rule.citation = claim.get("citation")
    url, title, retrieved = link
    rule.summary, rule.confidence, rule.last_verified = summary[:400], confidence, retrieved
    with session.no_autoflush:  # the rule is complete only once its hash is set below
        source = source_row(session, url, title)
    rule.sources = [RuleSource(position=0, source=source, retrieved_at=retrieved)]
    rule.content_hash = content_hash(rule_values(rule))


def record_rule_change(
    session: Session,
    rule: Rule,
    *,
    kind: str,
    old: dict | None,
    before: str | None,
    origin: str,
    origin_ref: str | None,
    now: datetime,
) -> Change:
    new = rule_values(rule)
    fields = [name for name in new if (old or {}).get(name) != new[name]]
    return record_change(
        session,
        jurisdiction_id=rule.jurisdiction_id,
        substance=rule.substance,
        kind=kind,
        material=True,
        rule_id=rule.id,
        old_status=before,
        new_status=rule.status,
        fields=fields,
        old_values=old,
        new_values=new,
        effective_date=rule.effective_from,
        detected_at=now,
        origin=origin,
        origin_ref=origin_ref,
    )


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None
