"""Named values in the `meta` table."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .models import Meta

RULES_VERSION = "rules_version"
DUE_CHECKED_THROUGH = "due_checked_through"
CURATED_LOADED = "curated_loaded_at"


def get(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def rules_version(session: Session) -> int:
    return int(get(session, RULES_VERSION) or 0)


def bump_rules_version(session: Session) -> None:
    """Tell every process's rule cache that rules or proposals changed in this transaction."""
    session.info["rules_changed"] = True
    current = session.get(Meta, RULES_VERSION, with_for_update=True)
    if current is None:
        session.add(Meta(key=RULES_VERSION, value="1"))
    else:
        current.value = str(int(current.value) + 1)


_generation = 0


def local_generation() -> int:
    """Moves whenever a transaction in this process that changed rules commits."""
    return _generation


def _rules_committed(session: Session) -> None:
    global _generation
    if session.info.pop("rules_changed", False):
        _generation += 1


def _rules_rolled_back(session: Session) -> None:
    session.info.pop("rules_changed", None)


def register(sessions) -> None:
    """Count this process's commits that changed rules, on `sessions` (a scoped session)."""
    for name, hook in (("after_commit", _rules_committed), ("after_rollback", _rules_rolled_back)):
        if not event.contains(sessions, name, hook):
            event.listen(sessions, name, hook)
