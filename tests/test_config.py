"""Settings: bad values fail clearly at start-up, and the README documents every one."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import create_app
from service.config import SETTINGS, ConfigError, settings_from_env

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "not a url", "not a database URL"),
        ("DATABASE_URL", "mysql://localhost/db", "only sqlite and postgresql"),
        ("DUE_JOB_MINUTES", "soon", "DUE_JOB_MINUTES"),
        ("DUE_JOB_MINUTES", "0", "positive"),
        ("LAWS_DIR", "/no/such/dir", "not a directory"),
    ],
)
def test_unusable_values_name_the_setting(name, value, message):
    with pytest.raises(ConfigError) as caught:
        settings_from_env({name: value})
    assert str(caught.value).startswith(f"{name}=")
    assert message in str(caught.value)


def test_create_app_refuses_bad_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "nonsense")
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_defaults_need_no_setup(tmp_path, monkeypatch):
    for setting in SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path}/kratom.sqlite3"
    assert len(app.config["SECRET_KEY"]) == 64
    assert (
        create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
        == app.config["SECRET_KEY"]
    )


def test_postgres_urls_use_psycopg3():
    values = settings_from_env({"DATABASE_URL": "postgresql://u:p@db.example/kratom"})
    assert values["DATABASE_URL"].startswith("postgresql+psycopg://u:p@db.example")


def test_readme_documents_every_setting():
    text = README.read_text()
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"README.md does not document: {missing}"
