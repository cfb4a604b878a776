"""Mirror the division registry into the jurisdictions table (insert / update / unchanged).

Divisions that leave the registry are kept: rules, changes and subscriptions may point at them.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jurisdictions.registry import Division, Registry

from .models import Jurisdiction
from .report import ImportReport


def _row(division: Division) -> dict:
    return {
        "id": division.id,
        "name": division.name,
        "level": division.level,
        "kind": division.kind,
        "parent_id": division.parent,
        "codes": dict(division.codes),
    }


def sync_divisions(session: Session, registry: Registry, report: ImportReport) -> None:
    existing = {row.id: row for row in session.scalars(select(Jurisdiction))}
    new_rows = []
    # Parents before children, so the self-referencing foreign key always holds.
    for division in sorted(registry, key=lambda d: (d.id.count("/"), d.id)):
        wanted = _row(division)
        row = existing.get(division.id)
        if row is None:
            new_rows.append(wanted)
            report.add("jurisdictions", "inserted")
            continue
        current = {name: getattr(row, name) for name in wanted}
        if current == wanted:
            report.add("jurisdictions", "unchanged")
            continue
        for name, value in wanted.items():
            setattr(row, name, value)
        report.add("jurisdictions", "updated")
    if new_rows:
        session.execute(insert(Jurisdiction), new_rows)
    session.flush()
