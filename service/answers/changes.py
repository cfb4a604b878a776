"""A recorded Change as the API's change feed and the Atom feeds show it."""

from __future__ import annotations

from service import context
from service.db import db
from service.links import public_url
from service.rules.feed import headline, sources_of
from service.rules.models import Change


def change_json(change: Change) -> dict:
    registry = context.registry()
    division = registry.get(change.jurisdiction_id)
    place = division.name if division else change.jurisdiction_id
    return {
        "id": change.id,
        "jurisdiction": {
            "id": change.jurisdiction_id,
            "name": place,
            "level": division.level if division else None,
        },
        "substance": change.substance,
        "kind": change.kind,
        "old_status": change.old_status,
        "new_status": change.new_status,
        "effective_date": change.effective_date.isoformat() if change.effective_date else None,
        "detected_at": change.detected_at.isoformat(timespec="seconds"),
        "origin": change.origin,
        "headline": headline(change, place),
        "url": public_url("api.jurisdiction", ocd_id=change.jurisdiction_id),
        "sources": sources_of(db.session, change),
    }
