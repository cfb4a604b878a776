"""Fixtures: an app over a fresh copy of a loaded database, on SQLite and on PostgreSQL.

Each backend's database is built once per run (schema + registry + curated files) as a
template; each test gets its own copy (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
PostgreSQL). Without a PostgreSQL server the PostgreSQL half skips with its reason, unless
KRATOM_TEST_POSTGRES=require (set by CI), which turns that into a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

from service import create_app
from service.bootstrap import load_data, upgrade_schema
from service.db import db
from tests.contract import ContractClient
from tests.lawset import copy_laws, merged_laws
from tests.pgserver import PostgresServer, PostgresUnavailable

REQUIRE_POSTGRES = os.environ.get("KRATOM_TEST_POSTGRES") == "require"
BACKENDS = ("sqlite", "postgresql")


def make_app(database_url: str, instance: Path, **config):
    config.setdefault("LAWS_DIR", str(merged_laws()))
    return create_app(
        {"DATABASE_URL": database_url, "INSTANCE_PATH": str(instance), "TESTING": True, **config}
    )


def build_database(database_url: str, instance: Path, load: bool = True) -> None:
    app = make_app(database_url, instance)
    with app.app_context():
        upgrade_schema()
        if load:
            report = load_data(app.config["LAWS_DIR"])
            assert not report.errors, report.errors
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = PostgresServer().start()
    except PostgresUnavailable as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (KRATOM_TEST_POSTGRES=require): {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sqlite-template")
    path = root / "template.sqlite3"
    build_database(f"sqlite:///{path}", root / "instance")
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server, tmp_path_factory) -> str:
    name = "kratom_template"
    pg_server.admin(f"CREATE DATABASE {name}")
    build_database(pg_server.url(name), tmp_path_factory.mktemp("pg-template"))
    return name


def _sqlite_copy(template: Path, tmp_path: Path) -> str:
    path = tmp_path / "db.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


def _pg_database(request, template: str | None):
    server = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    server.admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    request.addfinalizer(lambda: server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return server.url(name)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(backend, request, tmp_path) -> str:
    """A database holding the full curated load, private to this test."""
    if backend == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    return _pg_database(request, request.getfixturevalue("pg_template"))


@pytest.fixture
def empty_database_url(backend, request, tmp_path) -> str:
    """A database with nothing in it, not even the schema."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    return _pg_database(request, None)


def _app_fixture(url: str, tmp_path: Path, **config):
    app = make_app(url, tmp_path / "instance", **config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    yield from _app_fixture(database_url, tmp_path)


@pytest.fixture
def app_with(database_url, tmp_path):
    """Make apps over this test's database with extra settings; their engines are closed after."""
    made = []

    def make(**config):
        made.append(make_app(database_url, tmp_path / f"instance{len(made)}", **config))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def sink():
    """A real SMTP server on 127.0.0.1 that records what it accepts (tests/mailhelp.py)."""
    from tests.mailhelp import SmtpSink

    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def client(app):
    """Checks every API answer against the OpenAPI document (tests/contract.py)."""
    app.test_client_class = ContractClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def laws_copy(tmp_path) -> Path:
    """A private copy of the curated law files, for tests that edit them."""
    return copy_laws(tmp_path / "laws")
