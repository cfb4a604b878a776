"""What the pages read besides verdicts: recorded changes, newest first, as news items.

Only material changes are news; `baseline` rows (the first load) are history, not news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurisdictions.registry import Registry
from service.rules.changes import NEWS
from service.rules.models import Change

from .wording import change_sentence


@dataclass(frozen=True, slots=True)
class ChangeItem:
    detected_at: datetime
    jurisdiction_id: str
    jurisdiction_name: str
    substance: str | None
    sentence: str
    effective_date: date | None


def _news(jurisdiction_id: str | None) -> list:
    """Filters for the changes that are news (of one jurisdiction, when given)."""
    filters = [NEWS]
    if jurisdiction_id is not None:
        filters.append(Change.jurisdiction_id == jurisdiction_id)
    return filters


def _item(change: Change, registry: Registry) -> ChangeItem:
    division = registry.get(change.jurisdiction_id)
    return ChangeItem(
        detected_at=change.detected_at,
        jurisdiction_id=change.jurisdiction_id,
        jurisdiction_name=division.name if division else change.jurisdiction_id,
        substance=change.substance,
        sentence=change_sentence(change),
        effective_date=change.effective_date,
    )


def latest_changes(
    session: Session,
    registry: Registry,
    limit: int,
    offset: int = 0,
    jurisdiction_id: str | None = None,
) -> list[ChangeItem]:
    query = (
        select(Change)
        .where(*_news(jurisdiction_id))
        .order_by(Change.detected_at.desc(), Change.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_item(change, registry) for change in session.scalars(query)]


def count_changes(session: Session, jurisdiction_id: str | None = None) -> int:
    return session.scalar(select(func.count(Change.id)).where(*_news(jurisdiction_id))) or 0
