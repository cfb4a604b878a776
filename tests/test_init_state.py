"""`init` with nothing new: answered from the digest of its inputs, without reading the law
files; an edit or `--force` loads again, a broken file is reported every time, and a schema
behind the migrations is never taken for unchanged."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from service import bootstrap
from service.db import db
from service.init_state import inputs_digest, unchanged_report
from tests.conftest import make_app


@pytest.fixture
def fresh_app(empty_database_url, laws_copy, tmp_path):
    app = make_app(empty_database_url, tmp_path / "instance", LAWS_DIR=str(laws_copy))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def loads(monkeypatch):
    """Counts the loads that read the law files."""
    counted = []
    real = bootstrap.read_law_files

    def counting(root):
        counted.append(root)
        return real(root)

    monkeypatch.setattr(bootstrap, "read_law_files", counting)
    return counted


def init(app, *args, status=0):
    result = app.test_cli_runner().invoke(args=["init", *args])
    assert result.exit_code == status, result.output
    return result.output


def test_only_a_change_loads_again(fresh_app, laws_copy, loads):
    first = init(fresh_app)
    again = init(fresh_app)
    assert len(loads) == 1
    rules = int(first.split("rules: ")[1].split(" inserted")[0])
    assert f"rules: 0 inserted, 0 updated, {rules} unchanged" in again
    assert "changes recorded: 0" in again
    init(fresh_app, "--force")
    assert len(loads) == 2
    law = next(laws_copy.rglob("*.yaml"))
    text_before = law.read_text()
    law.write_text(text_before + "\n# a comment\n")
    init(fresh_app)
    assert len(loads) == 3
    law.write_text("rules: [\n")
    for _ in range(2):  # a broken file is reported every time, never remembered as loaded
        assert "error:" in init(fresh_app, status=1)
    assert len(loads) == 5


def test_a_schema_behind_the_migrations_is_not_unchanged(fresh_app, laws_copy):
    init(fresh_app)
    digest = inputs_digest(laws_copy)
    with fresh_app.app_context():
        assert unchanged_report(db.engine, digest) is not None
        db.session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        db.session.commit()
        assert unchanged_report(db.engine, digest) is None
        assert unchanged_report(db.engine, "another digest") is None
