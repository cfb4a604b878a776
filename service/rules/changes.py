"""How a Change is recorded, and which changes are news: each defined once, for every path that
changes the rules (curated load, due dates, authoritative sources, review, proposals) and every
reader of news (pages, feeds, emails).

Material changes (status, age, dates, coverage, a rule coming into force) are news; the rest
(wording, sources, confidence) and a first load's `baseline` are kept as history only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from service.db import utcnow

from .models import Change

NEWS = Change.material.is_(True) & (Change.kind != "baseline")


def is_news(change: Change) -> bool:
    """The Python form of NEWS, for changes not yet read back from the database."""
    return bool(change.material) and change.kind != "baseline"


def record_change(
    session: Session,
    *,
    jurisdiction_id: str,
    kind: str,
    material: bool,
    origin: str,
    substance: str | None = None,
    rule_id: int | None = None,
    proposal_id: int | None = None,
    old_status: str | None = None,
    new_status: str | None = None,
    fields: list[str] | None = None,
    old_values: dict | None = None,
    new_values: dict | None = None,
    effective_date: date | None = None,
    detected_at: datetime | None = None,
    origin_ref: str | None = None,
    dedupe_key: str | None = None,
) -> Change:
    """Add one Change to the session (flushed and committed with the caller's work)."""
    change = Change(
        jurisdiction_id=jurisdiction_id,
        substance=substance,
        kind=kind,
        material=material,
        rule_id=rule_id,
        proposal_id=proposal_id,
        old_status=old_status,
        new_status=new_status,
        fields=fields,
        old_values=old_values,
        new_values=new_values,
        effective_date=effective_date,
        detected_at=detected_at or utcnow(),
        origin=origin,
        origin_ref=(origin_ref or "")[:300] or None,
        dedupe_key=dedupe_key,
    )
    session.add(change)
    return change
