"""Rate limits per client (Flask-Limiter). A client is its API key when it sends one, else its
IP address. Storage is configurable: in memory by default, or any `limits` storage URI
(redis://, memcached://) shared by every worker. A limited request gets 429 with Retry-After."""

from __future__ import annotations

import hashlib

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def client_key() -> str:
    key = request.headers.get("X-API-Key")
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return "ip:" + (get_remote_address() or "unknown")


def api_rate() -> str:
    return current_app.config["RATE_LIMIT_API"]


limiter = Limiter(key_func=client_key, headers_enabled=True)


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATE_LIMIT_STORAGE"])
    app.config.setdefault("RATELIMIT_ENABLED", app.config["RATE_LIMITS"] == "on")
    limiter.init_app(app)
