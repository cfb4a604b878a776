"""`init`: bring the schema up to date, mirror the registry, apply the curated law files."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from jurisdictions.law.reader import read_law_files
from jurisdictions.registry import load_registry
from service.rules.curated import CuratedImport
from service.rules.divisions import sync_divisions
from service.rules.report import ImportReport

from .db import db
from .init_state import inputs_digest, remember_load

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def enable_migrations(app: Flask) -> None:
    """Set up Flask-Migrate (Alembic). Only commands need it, so web workers never import it."""
    if "migrate" not in app.extensions:
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)


def upgrade_schema() -> None:
    from flask_migrate import upgrade

    enable_migrations(current_app)
    upgrade(directory=str(MIGRATIONS_DIR))


def load_data(laws_dir: Path, prune: bool = False) -> ImportReport:
    """Apply every readable law file in one transaction. Broken files are reported and skipped,
    leaving what the database already holds for them untouched. A clean load remembers its
    inputs' digest, so that an `init` with nothing new can say so at once (init_state)."""
    digest = inputs_digest(laws_dir)
    files, errors = read_law_files(laws_dir)
    if not files:
        report = ImportReport(errors=[str(e) for e in errors])
        report.errors.append(f"{laws_dir}: no readable law files; nothing was changed")
        return report
    session = db.session
    try:
        run = CuratedImport(session, load_registry())
        sync_divisions(session, run.registry, run.report)
        report = run.apply(files, broken={e.path for e in errors}, prune=prune)
        report.errors[:0] = [str(e) for e in errors]
        if not report.errors and not report.orphans:
            remember_load(session, digest, report)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report
