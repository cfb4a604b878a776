"""Rate limits per client (Flask-Limiter).

A client is its API key when it sends one the operator issued (API_KEYS), else its IP address;
a key the service did not issue is refused with 401 before any limit is counted, so made-up
keys never buy a fresh count. Sign-up limits are keyed by IP address and email address only
(see `mail.signup_limits`), never by a header. Counters live in RATE_LIMIT_STORAGE: memory by
default (one count per process), or Redis shared by every worker; while that storage cannot be
reached, each process counts in memory. A limited request gets 429 with Retry-After.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .problems import ApiProblem


def issued_key() -> str | None:
    """The request's X-API-Key when it is one of API_KEYS; None when it sends none."""
    key = request.headers.get("X-API-Key")
    if key is None:
        return None
    known = current_app.config["API_KEYS"]
    if any(hmac.compare_digest(key.encode(), k.encode()) for k in known):
        return key
    return None


def client_key() -> str:
    key = issued_key()
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return "ip:" + (get_remote_address() or "unknown")


def api_rate() -> str:
    return current_app.config["RATE_LIMIT_API"]


def _refuse_unknown_keys() -> None:
    if not request.path.startswith("/api/") or "X-API-Key" not in request.headers:
        return
    if issued_key() is None:
        raise ApiProblem(
            401, "the X-API-Key header holds no key this service issued", title="Unknown API key"
        )


limiter = Limiter(key_func=client_key, headers_enabled=True, in_memory_fallback_enabled=True)


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATE_LIMIT_STORAGE"])
    app.config.setdefault("RATELIMIT_ENABLED", app.config["RATE_LIMITS"] == "on")
    app.before_request(_refuse_unknown_keys)  # before the limiter counts the request
    limiter.init_app(app)
