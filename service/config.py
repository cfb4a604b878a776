"""Settings, declared once: name, default, help, and how to read the value.

Every setting comes from an environment variable of the same name. The README lists them all
(a test keeps the two in step).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from jurisdictions import ocd
from scrapers import SCRAPERS
from service.mail.smtp_url import parse_smtp_url

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


def _rate(raw: str) -> str:
    from limits import parse_many

    try:
        parse_many(raw)
    except ValueError:
        raise ValueError("must be a rate such as 120/minute or 10 per second") from None
    return raw


def _key_list(raw: str) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    if any(len(k) < 16 for k in keys):
        raise ValueError("each key must be at least 16 characters")
    return keys


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


def _whole_number(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("must be zero or a positive whole number")
    return value


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise ValueError("must be a number of seconds from 0 to 3600")
    return value


def _timeout(raw: str) -> float:
    value = _seconds(raw)
    if value == 0:
        raise ValueError("must be more than 0 seconds")
    return value


def _contact(raw: str) -> str:
    if not re.fullmatch(r"[^\s@]+@[^\s@]+\.[^\s@]+|https?://\S+", raw.strip()):
        raise ValueError("must be an email address or an http(s) URL")
    return raw.strip()


def _api_key(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,128}", raw.strip()):
        raise ValueError("must be 8 to 128 letters, digits, '-' or '_'")
    return raw.strip()


def _pairs(raw: str) -> list[tuple[str, str]]:
    pairs = []
    for item in filter(None, (part.strip() for part in raw.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"{item!r} is not name=value")
        pairs.append((name.strip(), value.strip()))
    return pairs


def _legistar_clients(raw: str) -> dict[str, str]:
    """`client=ocd-id,...`, or `none` for no clients."""
    if raw.strip().lower() == "none":
        return {}
    clients = {}
    for client, division in _pairs(raw):
        if not re.fullmatch(r"[a-z0-9-]{2,60}", client):
            raise ValueError(f"{client!r} is not a Legistar client name (lowercase, digits, -)")
        if not ocd.is_valid(division):
            raise ValueError(f"{division!r} is not an OCD division id")
        clients[client] = division
    return clients


def _intervals(raw: str) -> dict[str, int]:
    """`source=minutes,...` overriding each source's own interval."""
    intervals = {}
    for name, minutes in _pairs(raw):
        if name not in SCRAPERS:
            raise ValueError(f"no source is called {name!r} (sources: {', '.join(SCRAPERS)})")
        try:
            intervals[name] = _positive_int(minutes)
        except ValueError:
            raise ValueError(f"{name}: {minutes!r} is not a positive number of minutes") from None
    return intervals


def _directory(raw: str) -> Path:
    path = Path(raw)
    if not path.is_dir():
        raise ValueError(f"{raw!r} is not a directory")
    return path


def _public_url(raw: str) -> str:
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ValueError("must be an http(s) URL such as https://kratom.example.org")
    return raw.strip().rstrip("/")


def _rate_limit(raw: str) -> str:
    try:
        parse_many(raw)
    except ValueError:
        raise ValueError("must be a rate such as 10/hour or 5/minute;50/day") from None
    return raw


def _mail_from(raw: str) -> str:
    name, address = parseaddr(raw)
    if not re.fullmatch(r"[^\s@]+@[^\s@]+", address):
        raise ValueError("must be an address, optionally with a name: Name <user@host>")
    return raw.strip()


def _mail_settings() -> tuple[Setting, ...]:
    return (
        Setting(
            "PUBLIC_URL",
            "http://127.0.0.1:5000",
            "Base URL of the site, used for links in emails. Production must use https "
            "(RFC 8058 one-click unsubscribe needs an https link).",
            _public_url,
        ),
        Setting(
            "SMTP_URL",
            None,
            "Mail server: smtp://host:25, smtp://user:pass@host:587?starttls=1 or "
            "smtps://user:pass@host:465 (cafile=PATH trusts a private CA). Unset: messages are "
            "written as .eml files under instance/outbox/.",
            parse_smtp_url,
        ),
        Setting(
            "MAIL_FROM",
            "Kratom law by place <updates@localhost>",
            "Sender of every email; its domain also names the Message-IDs.",
            _mail_from,
        ),
        Setting("MAIL_SEND_SECONDS", 15, "How often the clock drains the outbox.", _positive_int),
        Setting("MAIL_BATCH", 100, "Messages one sender claims at a time.", _positive_int),
        Setting(
            "MAIL_LEASE_SECONDS",
            300,
            "How long a sender's claim on a batch lasts; a crashed sender's batch is taken over "
            "after this.",
            _positive_int,
        ),
        Setting(
            "MAIL_RETRY_SECONDS",
            60.0,
            "Wait before retrying a temporary failure; doubles with each attempt (up to 6 h).",
            _seconds,
        ),
        Setting(
            "MAIL_MAX_ATTEMPTS",
            10,
            "Attempts before a message that keeps failing temporarily is given up.",
            _positive_int,
        ),
        Setting(
            "MAIL_BOUNCE_LIMIT",
            3,
            "Hard bounces (5xx answers) in a row that pause a subscription.",
            _positive_int,
        ),
        Setting("SMTP_TIMEOUT_SECONDS", 30.0, "Timeout of one SMTP exchange.", _timeout),
        Setting(
            "MAIL_UPKEEP_MINUTES",
            60,
            "How often the clock queues week-ahead reminders and purges old sign-ups and mail.",
            _positive_int,
        ),
        Setting(
            "CONFIRM_TOKEN_HOURS",
            48,
            "How long a confirmation link works.",
            _positive_int,
        ),
        Setting(
            "SIGNUP_PURGE_DAYS",
            3,
            "Unconfirmed sign-ups are deleted after this many days.",
            _positive_int,
        ),
        Setting(
            "SUBSCRIBE_RATE_LIMIT",
            "10/hour",
            "Sign-up requests allowed per client IP address (the form and the API).",
            _rate_limit,
        ),
        Setting(
            "SUBSCRIBE_ADDRESS_RATE_LIMIT",
            "3/hour;5/day",
            "Sign-up requests allowed per email address, whoever sends them.",
            _rate_limit,
        ),
    )


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
        4,
        "Memory per process for finished API answers to repeated questions; 0 turns it off.",
        _non_negative_int,
    ),
    Setting(
        "RATE_LIMITS",
        "on",
        "Per-client rate limits on the API and forms: on or off.",
        _choice("on", "off"),
    ),
    Setting(
        "RATE_LIMIT_API",
        "120/minute",
        "Requests per client (IP address) to each GET endpoint of the API.",
        _rate,
    ),
    Setting(
        "RATE_LIMIT_BATCH",
        "10/minute",
        "Batch lookups per client without an API key.",
        _rate,
    ),
    Setting(
        "RATE_LIMIT_BATCH_KEYED",
        "120/minute",
        "Batch lookups per API key.",
        _rate,
    ),
    Setting(
        "API_KEYS",
        (),
        "Comma-separated API keys that raise a caller's batch limit (sent as X-API-Key).",
        _key_list,
    ),
    Setting(
        "MAX_REQUEST_KB",
        2048,
        "Largest request body accepted, in KiB; larger ones get 413.",
        _positive_int,
    ),
    Setting(
        "RATE_LIMIT_STORAGE",
        "memory://",
        "Where rate-limit counters live: memory:// (per process) or a shared redis:// URI.",
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
    Setting(
        "SCRAPER_CONTACT",
        "kratom-law-operator@example.org",
        "Email address or URL sent in the scrapers' User-Agent so sites can reach the operator; "
        "set a real one in production.",
        _contact,
    ),
    Setting(
        "LEGISCAN_API_KEY",
        None,
        "LegiScan API key. Without one the legiscan source reports itself disabled.",
        _api_key,
    ),
    Setting(
        "LEGISTAR_CLIENTS",
        {
            "denver": "ocd-division/country:us/state:co/place:denver",
            "kansascity": "ocd-division/country:us/state:mo/place:kansas_city",
        },
        "Legistar tenants to poll, as client=ocd-division-id pairs separated by commas; `none` "
        "disables the legistar source.",
        _legistar_clients,
    ),
    Setting(
        "SCRAPE_INTERVALS",
        {},
        "Per-source polling intervals in minutes overriding the defaults, e.g. "
        "federal_register=120,wikipedia=2880.",
        _intervals,
    ),
    Setting("SCRAPE_TIMEOUT_SECONDS", 20.0, "Timeout of one HTTP request, in seconds.", _timeout),
    Setting("SCRAPE_RETRIES", 3, "Retries of a failed request (5xx, 429, network).", _whole_number),
    Setting("SCRAPE_BACKOFF_SECONDS", 1.0, "Backoff factor between retries, in seconds.", _seconds),
    Setting(
        "SCRAPE_MAX_BYTES",
        5_000_000,
        "Largest response a scraper accepts, in bytes.",
        _positive_int,
    ),
    Setting("SCRAPE_MAX_REDIRECTS", 5, "Redirects followed before giving up.", _whole_number),
    Setting("SCRAPE_DELAY_SECONDS", 1.0, "Least time between two requests to one host.", _seconds),
    Setting(
        "SCRAPE_REPLAY_DIR",
        None,
        "When set, the clock runs every source against recorded responses in this folder (one "
        "subfolder per source) instead of the web: for demonstrations and tests.",
        _directory,
    ),
    *_mail_settings(),
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
