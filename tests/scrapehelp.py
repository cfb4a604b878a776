"""Helpers for tests of runs and reconciling: replaying sources, counting stored rows."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from service.db import db
from service.ingest.models import Observation, ReviewItem, ScrapeRun, Snapshot
from service.ingest.refresh import run_source
from service.rules.models import Change, Proposal, Rule, RuleSource, RuleVerification, Source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scrapers"
ALL = ("federal_register", "legiscan", "legistar", "openstates", "wikipedia")
TABLES = (Rule, RuleSource, Source, Proposal, Change, Observation, Snapshot, ReviewItem)


def replay(app, name: str, folder: Path = FIXTURES, **options):
    return run_source(app, name, replay=folder, **options)


def replay_all(app, folder: Path = FIXTURES) -> dict:
    return {name: replay(app, name, folder) for name in ALL}


def counts(app) -> dict[str, int]:
    with app.app_context():
        tables = (*TABLES, RuleVerification, ScrapeRun)
        return {
            t.__tablename__: db.session.scalar(select(func.count()).select_from(t)) for t in tables
        }


def fixtures_copy(tmp_path: Path, name: str, **files: bytes) -> Path:
    """A private copy of one source's recordings, with some files replaced."""
    folder = tmp_path / "replay" / name
    shutil.copytree(FIXTURES / name, folder)
    for file_name, body in files.items():
        (folder / file_name).write_bytes(body)
    return folder.parent
