"""Settings, declared once: name, default, help, and how to read the value.

Every setting comes from an environment variable of the same name. The README lists them all
(a test keeps the two in step).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """A setting has a value the service cannot use."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("must be a positive whole number")
    return value


def _non_negative_int(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("must be 0 or a positive whole number")
    return value


def _positive_float(raw: str) -> float:
    value = float(raw)
    if not value > 0 or value == float("inf"):
        raise ValueError("must be a positive number")
    return value


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError(f"must be one of: {', '.join(choices)}")
        return raw

    return parse


def _database_url(raw: str) -> str:
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ValueError(
            "not a database URL (sqlite:///path or postgresql://user@host/db)"
        ) from exc
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError("only sqlite and postgresql are supported")
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _directory(raw: str) -> Path:
    path = Path(raw)
    if not path.is_dir():
        raise ValueError(f"{raw!r} is not a directory")
    return path


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database. Default: SQLite at instance/kratom.sqlite3. "
        "postgresql://user:pass@host/db selects PostgreSQL (psycopg 3).",
        _database_url,
    ),
    Setting(
        "SECRET_KEY",
        None,
        "Key for signed tokens. Default: a random key kept in instance/secret_key.",
    ),
    Setting(
        "LAWS_DIR",
        PROJECT_ROOT / "jurisdictions" / "laws",
        "Directory of curated law files loaded by `flask --app service init`.",
        _directory,
    ),
    Setting(
        "DUE_JOB_MINUTES",
        60,
        "How often the clock checks for rules coming into force, in minutes.",
        _positive_int,
    ),
    Setting(
        "RULES_REFRESH_SECONDS",
        1.0,
        "How often a process checks the database for rule changes made by other processes.",
        _positive_float,
    ),
    Setting(
        "RESPONSE_CACHE_MB",
        8,
        "Memory per process for finished API answers to repeated questions; 0 turns it off.",
        _non_negative_int,
    ),
    Setting(
        "ONLINE_GEOCODER",
        "off",
        "Fallback geocoder for places the offline data does not know: off or nominatim.",
        _choice("off", "nominatim"),
    ),
    Setting(
        "NOMINATIM_DOMAIN",
        "nominatim.openstreetmap.org",
        "Host of the Nominatim server used when ONLINE_GEOCODER=nominatim.",
    ),
    Setting(
        "GEOCODER_USER_AGENT",
        "kratom-law-service",
        "User agent sent to the online geocoder; include a contact address (its policy asks).",
    ),
    Setting(
        "GEOCODER_TIMEOUT_SECONDS",
        2.0,
        "Time budget of one online geocoder request, in seconds.",
        _positive_float,
    ),
    Setting(
        "JOB_LOCK_SECONDS",
        900,
        "Lease of a scheduled job's database lock; a crashed holder frees it after this long.",
        _positive_int,
    ),
)


def settings_from_env(environ: os._Environ | dict = os.environ) -> dict[str, Any]:
    """Read every setting from the environment, reporting the first unusable value clearly."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.name)
        if raw is None or raw == "":
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{setting.name}={raw!r}: {exc}") from None
    return values


def check_overrides(overrides: dict[str, Any]) -> dict[str, Any]:
    """Parse string values given in test_config the same way as environment values."""
    parsers = {s.name: s.parse for s in SETTINGS}
    checked = dict(overrides)
    for name, value in overrides.items():
        if name in parsers and isinstance(value, str):
            try:
                checked[name] = parsers[name](value)
            except ValueError as exc:
                raise ConfigError(f"{name}={value!r}: {exc}") from None
    return checked
