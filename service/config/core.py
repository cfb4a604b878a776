"""Settings every process reads: the database, secrets, the law files, the rule snapshot and
scheduled jobs."""

from __future__ import annotations

from . import parsers
from .setting import PROJECT_ROOT, Setting

CORE = (
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database. Default: SQLite at instance/kratom.sqlite3. "
        "postgresql://user:pass@host/db selects PostgreSQL (psycopg 3).",
        parsers.database_url,
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
        parsers.directory,
    ),
    Setting(
        "DUE_JOB_MINUTES",
        60,
        "How often the clock checks for rules coming into force, in minutes.",
        parsers.positive_int,
    ),
    Setting(
        "RULES_REFRESH_SECONDS",
        1.0,
        "How often a process checks the database for rule changes made by other processes.",
        parsers.positive_float,
    ),
    Setting(
        "JOB_LOCK_SECONDS",
        900,
        "Lease of a scheduled job's database lock; a crashed holder frees it after this long.",
        parsers.positive_int,
    ),
)
