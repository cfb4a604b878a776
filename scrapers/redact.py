"""Secrets kept out of everything written down: stored URLs, run errors and every log line.

API keys travel in query strings (LegiScan's `key=`), and urllib3 logs the URL of each retried
request at WARNING; a traceback can carry one too. `install()` puts a log-record factory in
front of the logging module's own, so every record from every logger (urllib3's included) is
scrubbed when it is made: query parameters named like secrets, passwords in URLs, and any value
passed to `remember()` (the configured keys themselves) become REDACTED.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "REDACTED"
SECRET_PARAMS = frozenset({"key", "api_key", "apikey", "token", "access_token", "password"})
_QUERY = re.compile(r"(?i)([?&;](?:api_?key|key|access_token|token|password)=)[^&\s'\"#<>)]+")
_HEADER = re.compile(r"(?i)(x-api-key['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+")
_USERINFO = re.compile(r"(://[^/\s:@]+:)[^@/\s]+(@)")
_remembered: set[str] = set()
_lock = threading.Lock()
_installed = False


def remember(*values: str | None) -> None:
    """Values that must never be written anywhere (the configured API keys, passwords)."""
    with _lock:
        _remembered.update(v for v in values if isinstance(v, str) and len(v) >= 8)


def redact(url: str) -> str:
    """The URL with secrets (API keys) blanked, fit to store and show."""
    parts = urlsplit(url)
    query = [(k, MASK if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query)]
    return redact_text(urlunsplit(parts._replace(query=urlencode(query, safe="[]$(),'"))))


def redact_text(text: str) -> str:
    text = _QUERY.sub(rf"\g<1>{MASK}", text)
    text = _HEADER.sub(rf"\g<1>{MASK}", text)
    text = _USERINFO.sub(rf"\g<1>{MASK}\g<2>", text)
    for secret in sorted(_remembered, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _scrub(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # a malformed record: leave it for logging's own error handling
        return record
    clean = redact_text(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = redact_text("".join(traceback.format_exception(*record.exc_info)))
        record.exc_text = record.exc_text.rstrip("\n")
    if record.stack_info:
        record.stack_info = redact_text(record.stack_info)
    return record


def install() -> None:
    """Scrub every log record from now on (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        make = logging.getLogRecordFactory()
        logging.setLogRecordFactory(lambda *args, **kwargs: _scrub(make(*args, **kwargs)))
        _installed = True
