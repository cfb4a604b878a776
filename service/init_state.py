"""Whether `init` has anything to do: a digest of everything a load reads.

A full `init` reads and checks some 400 law files, mirrors 7,000 divisions and compares every
rule with the database: seconds of work that, when nothing changed, changes nothing. So each
successful load stores in `meta` a digest of its inputs (the law files, the division registry,
the code that reads and applies them, the migrations) and the counts it reported; the next
`init` computes the digest again (milliseconds) and, when it matches and the schema is at the
migrations' head, reports those counts as unchanged without loading anything.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from service.rules import meta
from service.rules.report import ImportReport

from .config import PROJECT_ROOT

DIGEST_KEY = "init_inputs"
COUNTS_KEY = "init_counts"
ENTITIES = ("jurisdictions", "rules", "proposals")
MIGRATIONS = PROJECT_ROOT / "service" / "migrations" / "versions"
# What a load reads besides the law files: the registry and the code that applies them.
CODE_AND_DATA = (
    (PROJECT_ROOT / "jurisdictions", "registry.py"),
    (PROJECT_ROOT / "jurisdictions", "vocabulary.py"),
    (PROJECT_ROOT / "jurisdictions", "ocd.py"),
    (PROJECT_ROOT / "jurisdictions" / "data", "divisions.csv"),
    (PROJECT_ROOT / "jurisdictions" / "law", "*"),
    (PROJECT_ROOT / "service" / "rules", "*.py"),
    (PROJECT_ROOT / "service", "bootstrap.py"),
    (MIGRATIONS, "*.py"),
)


def inputs_digest(laws_dir: Path) -> str:
    digest = hashlib.sha256()
    for root, pattern in ((Path(laws_dir), "*.yaml"), *CODE_AND_DATA):
        for path in sorted(root.rglob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def head_revision() -> str | None:
    """The migrations' head, read from the files (no need to import Alembic for it)."""
    revisions, parents = set(), set()
    for path in MIGRATIONS.glob("*.py"):
        source = path.read_text()
        revisions.update(re.findall(r"^revision\s*=\s*['\"](\w+)['\"]", source, re.M))
        parents.update(re.findall(r"^down_revision\s*=\s*['\"](\w+)['\"]", source, re.M))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def unchanged_report(engine: Engine, digest: str) -> ImportReport | None:
    """The report of a load that would change nothing, or None when a load is needed."""
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            rows = dict(
                conn.execute(
                    text("SELECT key, value FROM meta WHERE key IN (:digest, :counts)"),
                    {"digest": DIGEST_KEY, "counts": COUNTS_KEY},
                ).all()
            )
    except SQLAlchemyError:
        return None  # no schema yet
    if version is None or version != head_revision() or rows.get(DIGEST_KEY) != digest:
        return None
    report = ImportReport()
    for entity, count in json.loads(rows.get(COUNTS_KEY) or "{}").items():
        report.counts[(entity, "unchanged")] = count
    return report


def remember_load(session: Session, digest: str, report: ImportReport) -> None:
    """Store what a successful load read and what it found, in the load's transaction."""
    totals = {
        entity: sum(report.counts[(entity, o)] for o in ("inserted", "updated", "unchanged"))
        for entity in ENTITIES
    }
    meta.put(session, DIGEST_KEY, digest)
    meta.put(session, COUNTS_KEY, json.dumps(totals))
