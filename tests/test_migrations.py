"""The migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from service.bootstrap import upgrade_schema
from service.db import db
from tests.conftest import make_app


def test_migrations_match_the_models(empty_database_url, tmp_path):
    app = make_app(empty_database_url, tmp_path / "instance")
    with app.app_context():
        upgrade_schema()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], "a model changed without a migration: run `flask db migrate`"


def test_upgrading_twice_is_harmless(empty_database_url, tmp_path):
    app = make_app(empty_database_url, tmp_path / "instance")
    with app.app_context():
        upgrade_schema()
        upgrade_schema()
        db.engine.dispose()


def test_flask_migrate_commands_are_available(runner):
    current = runner.invoke(args=["db", "current"])
    assert current.exit_code == 0, current.output
    assert "Context impl" in current.output  # alembic ran against the app's database
    assert "upgrade" in runner.invoke(args=["db", "--help"]).output
