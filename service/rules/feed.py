"""News from the Change table: material changes only (a first load's baseline is history, not
news), newest first, filtered by jurisdiction (with every division inside it) and paged by id.

Ids only grow, so "older than id N" is a stable cursor: pages never shift when new changes
arrive between requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jurisdictions.registry import Division, Registry

from .changes import NEWS
from .models import Change, Proposal, Rule


@dataclass(frozen=True)
class ChangeQuery:
    jurisdiction: Division | None = None
    since_id: int | None = None
    since_day: date | None = None
    before_id: int | None = None
    limit: int = 50


def _inside(registry: Registry, division: Division):
    """The division, every division whose id it prefixes, and towns with law inside a county."""
    condition = or_(
        Change.jurisdiction_id == division.id,
        Change.jurisdiction_id.startswith(division.id + "/", autoescape=True),
    )
    if division.level == "county":
        towns = [d.id for d in registry.children(division.parent) if division.id in d.counties]
        condition = or_(condition, Change.jurisdiction_id.in_(towns))
    return condition


def find_changes(session: Session, registry: Registry, query: ChangeQuery) -> list[Change]:
    """Up to `query.limit` + 1 changes (the extra one tells the caller another page exists)."""
    statement = select(Change).where(NEWS)
    if query.jurisdiction is not None:
        statement = statement.where(_inside(registry, query.jurisdiction))
    if query.since_id is not None:
        statement = statement.where(Change.id > query.since_id)
    if query.since_day is not None:
        start = datetime.combine(query.since_day, time.min, tzinfo=UTC)
        statement = statement.where(Change.detected_at >= start)
    if query.before_id is not None:
        statement = statement.where(Change.id < query.before_id)
    statement = statement.order_by(Change.id.desc()).limit(query.limit + 1)
    return list(session.scalars(statement))


def sources_of(session: Session, change: Change) -> list[dict]:
    owner = None
    if change.rule_id is not None:
        owner = session.get(Rule, change.rule_id)
    elif change.proposal_id is not None:
        owner = session.get(Proposal, change.proposal_id)
    links = owner.sources if owner is not None else []
    return [
        {
            "url": s.source.url,
            "title": s.source.title,
            "retrieved_at": s.retrieved_at.isoformat(),
            "kind": s.source.kind,
        }
        for s in links
    ]


_SAYS = {
    "in_force": "comes into force",
    "lapsed": "lapses",
    "added": "new rule recorded",
    "updated": "rule corrected",
    "removed": "rule withdrawn",
    "observed": "official source shows a new rule",
    "reviewed": "reviewed finding accepted",
    "proposal_added": "new proposal",
    "proposal_updated": "proposal moved",
    "proposal_removed": "proposal dropped",
}


def headline(change: Change, place: str) -> str:
    """ "Kentucky, kratom: regulated to banned (comes into force 2027-01-01)"."""
    what = f"{place}, {change.substance}" if change.substance else place
    if change.old_status or change.new_status:
        what += f": {change.old_status or 'no rule'} to {change.new_status or 'no rule'}"
    note = _SAYS.get(change.kind, change.kind.replace("_", " "))
    if change.effective_date:
        note += f" {change.effective_date.isoformat()}"
    return f"{what} ({note})"
