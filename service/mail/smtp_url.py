"""`SMTP_URL`: where mail goes, read once at start-up.

    smtp://host[:port]                       plain SMTP (port 25), for a relay on a trusted network
    smtp://user:pass@host:587?starttls=1     STARTTLS, then AUTH
    smtps://user:pass@host[:465]             TLS from the first byte, then AUTH

`cafile=/path/ca.pem` trusts a private CA instead of the system's. Credentials are refused
without TLS: they would cross the network in the clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
OPTIONS = ("starttls", "cafile")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str  # "ssl" (implicit TLS), "starttls" or "none"
    user: str | None = None
    password: str | None = None
    cafile: str | None = None

    def __repr__(self) -> str:  # keep the password out of logs and tracebacks
        who = f"{self.user}@" if self.user else ""
        return f"SmtpSettings({who}{self.host}:{self.port}, tls={self.tls})"


def _query(raw: str) -> dict[str, str]:
    values = {}
    for name, found in parse_qs(raw, keep_blank_values=True).items():
        if name not in OPTIONS:
            raise ValueError(f"unknown option {name!r} (options: {', '.join(OPTIONS)})")
        values[name] = found[-1]
    return values


def _starttls(options: dict[str, str], scheme: str) -> bool:
    raw = options.get("starttls", "0").lower()
    if raw not in FLAGS:
        raise ValueError("starttls must be 1 or 0")
    if FLAGS[raw] and scheme == "smtps":
        raise ValueError("smtps:// is TLS already; starttls=1 is for smtp://")
    return FLAGS[raw]


def parse_smtp_url(raw: str) -> SmtpSettings:
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(
            "must look like smtp://host:25, smtp://user:pass@host:587?starttls=1 "
            "or smtps://user:pass@host:465"
        )
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ValueError("the port must be a number from 1 to 65535") from None
    options = _query(parts.query)
    starttls = _starttls(options, parts.scheme)
    tls = "ssl" if parts.scheme == "smtps" else "starttls" if starttls else "none"
    user = unquote(parts.username) if parts.username else None
    if user and tls == "none":
        raise ValueError("credentials need TLS: add ?starttls=1 or use smtps://")
    cafile = options.get("cafile")
    if cafile and not Path(cafile).is_file():
        raise ValueError(f"cafile {cafile!r} is not a file")
    password = unquote(parts.password) if parts.password is not None else None
    return SmtpSettings(parts.hostname, port, tls, user, password, cafile)
