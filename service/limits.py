"""Rate limits per client (Flask-Limiter). Storage is configurable: in memory by default, or
any `limits` storage URI (redis://, memcached://) shared by every worker."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, headers_enabled=True)


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATE_LIMIT_STORAGE"])
    app.config.setdefault("RATELIMIT_ENABLED", app.config["RATE_LIMITS"] == "on")
    limiter.init_app(app)
