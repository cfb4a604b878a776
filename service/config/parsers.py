"""How a setting's text becomes its value: one parser per kind of value, each raising ValueError
with a sentence that says what is expected."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from jurisdictions import ocd


def positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("must be a positive whole number")
    return value


def whole_number(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("must be zero or a positive whole number")
    return value


def positive_float(raw: str) -> float:
    value = float(raw)
    if not value > 0 or math.isinf(value):
        raise ValueError("must be a positive number")
    return value


def seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise ValueError("must be a number of seconds from 0 to 3600")
    return value


def timeout(raw: str) -> float:
    value = seconds(raw)
    if value == 0:
        raise ValueError("must be more than 0 seconds")
    return value


def rate(raw: str) -> str:
    """A rate-limit expression as the `limits` library reads it: 120/minute, 5/minute;50/day."""
    from limits import parse_many  # only when a rate is set: the limiter's parser

    try:
        parse_many(raw)
    except ValueError:
        raise ValueError("must be a rate such as 120/minute or 5/minute;50/day") from None
    return raw


def limiter_storage(raw: str) -> str:
    """A `limits` storage URI (memory://, redis://host:6379/0, ...) whose client is installed."""
    from limits.errors import ConfigurationError
    from limits.storage import storage_from_string

    try:
        storage_from_string(raw.strip())
    except ConfigurationError as exc:
        raise ValueError(
            f"not a usable rate-limit storage ({exc}); use memory:// or redis://host"
        ) from None
    return raw.strip()


def choice(*choices: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError(f"must be one of: {', '.join(choices)}")
        return raw

    return parse


def directory(raw: str) -> Path:
    path = Path(raw)
    if not path.is_dir():
        raise ValueError(f"{raw!r} is not a directory")
    return path


def database_url(raw: str) -> str:
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


def key_list(raw: str) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    if any(len(k) < 16 for k in keys):
        raise ValueError("each key must be at least 16 characters")
    return keys


def api_key(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,128}", raw.strip()):
        raise ValueError("must be 8 to 128 letters, digits, '-' or '_'")
    return raw.strip()


def contact(raw: str) -> str:
    if not re.fullmatch(r"[^\s@]+@[^\s@]+\.[^\s@]+|https?://\S+", raw.strip()):
        raise ValueError("must be an email address or an http(s) URL")
    return raw.strip()


def email(raw: str) -> str:
    if not re.fullmatch(r"[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+", raw.strip()):
        raise ValueError("must be one email address, such as ops@example.org")
    return raw.strip()


def public_url(raw: str) -> str:
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ValueError("must be an http(s) URL such as https://kratom.example.org")
    return raw.strip().rstrip("/")


def mail_from(raw: str) -> str:
    _name, address = parseaddr(raw)
    if not re.fullmatch(r"[^\s@]+@[^\s@]+", address):
        raise ValueError("must be an address, optionally with a name: Name <user@host>")
    return raw.strip()


def pairs(raw: str) -> list[tuple[str, str]]:
    """`name=value,name=value`."""
    found = []
    for item in filter(None, (part.strip() for part in raw.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"{item!r} is not name=value")
        found.append((name.strip(), value.strip()))
    return found


def division_map(raw: str) -> dict[str, str]:
    """`client=ocd-id,...` (a source's own names for places), or `none` for none."""
    if raw.strip().lower() == "none":
        return {}
    clients = {}
    for client, division in pairs(raw):
        if not re.fullmatch(r"[a-z0-9-]{2,60}", client):
            raise ValueError(f"{client!r} is not a Legistar client name (lowercase, digits, -)")
        if not ocd.is_valid(division):
            raise ValueError(f"{division!r} is not an OCD division id")
        clients[client] = division
    return clients
