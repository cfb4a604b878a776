"""Rate limits per client, counted by the `limits` library in fixed windows.

A client is its API key when it sends one the operator issued (API_KEYS), else its IP address;
a key the service did not issue is refused with 401 before any limit is counted, so made-up
keys never buy a fresh count. Every API endpoint but the probes counts RATE_LIMIT_API unless
it declares its own limits with `@rate_limit` (the batch, sign-ups, the answer page). Sign-up
limits are keyed by IP address and email address only (see `mail.signup_limits`), never by a
header. Counters live in RATE_LIMIT_STORAGE: memory by default (one count per process), or
Redis shared by every worker; while that storage cannot be reached, each process counts in
memory and tries the storage again after STORAGE_RETRY_SECONDS. A limited request gets 429
with Retry-After; every counted one says where its client stands in X-RateLimit-* headers.

One hit costs one counter increment and one expiry read (two round trips to Redis), and
nothing is evaluated for requests no limit applies to: a request costs microseconds here.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from flask import Flask, current_app, g, request

from .problems import ApiProblem
from .rate_counters import Counters, Window

if TYPE_CHECKING:
    from limits import RateLimitItem

PROBES = ("api.health", "api.ready")
COUNTED = "kratom.rate_window"  # environ: the window the answer front counted a request in


def issued_key() -> str | None:
    """The request's X-API-Key when it is one of API_KEYS; None when it sends none."""
    key = request.headers.get("X-API-Key")
    if key is None:
        return None
    known = current_app.config["API_KEYS"]
    if any(hmac.compare_digest(key.encode(), k.encode()) for k in known):
        return key
    return None


def remote_address() -> str:
    return request.remote_addr or "unknown"


def client_key() -> str:
    key = issued_key()
    if key:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return "ip:" + remote_address()


def api_rate() -> str:
    return current_app.config["RATE_LIMIT_API"]


@lru_cache(maxsize=64)
def parse_rate(rate: str) -> tuple[RateLimitItem, ...]:
    from limits import parse_many  # imported when a request is first counted, not by commands

    return tuple(parse_many(rate))


@dataclass(frozen=True)
class Limit:
    """A rate (a function of the config), whom it counts, and which requests."""

    rate: object  # () -> "120/minute"
    key: object = client_key  # () -> str
    scope: str | None = None  # a shared counter's name; None: the endpoint's own counter
    methods: tuple[str, ...] | None = None
    message: str | None = None


def rate_limit(rate, *, key=client_key, scope=None, methods=None, message=None):
    """Declare a limit on a view (several may be stacked); it replaces the API's own limit."""
    limit = Limit(rate, key, scope, tuple(methods) if methods else None, message)

    def mark(view):
        view.rate_limits = (*getattr(view, "rate_limits", ()), limit)
        return view

    return mark


API_LIMIT = (Limit(api_rate),)


def limits_for(endpoint: str | None, view) -> tuple[Limit, ...]:
    declared = getattr(view, "rate_limits", None)
    if declared is not None:
        return declared
    if endpoint and endpoint.startswith("api.") and endpoint not in PROBES:
        return API_LIMIT
    return ()


def check(counters: Counters, limits: tuple[Limit, ...], endpoint: str) -> None:
    """Count the request against each limit that applies, in the order declared, up to the
    first one it exceeds (429): a refused request does not use up the limits after it."""
    tightest: Window | None = None
    for limit in limits:
        if limit.methods and request.method not in limit.methods:
            continue
        scope = limit.scope or endpoint
        for item in parse_rate(limit.rate()):
            window = counters.hit(item, scope, limit.key())
            if not window.allowed:
                g.rate_window = window
                raise too_many(limit, window)
            if tightest is None or window.remaining < tightest.remaining:
                tightest = window
    g.rate_window = tightest


def too_many(limit: Limit, window: Window) -> ApiProblem:
    wait = retry_after(window)
    detail = limit.message or (
        f"More than {window.limit} requests from this client in the current window; "
        f"try again in {wait} s."
    )
    return ApiProblem(429, detail, title="Too many requests")


def retry_after(window: Window) -> int:
    return max(1, int(window.reset_at - time.time() + 0.999))


def window_headers(window: Window) -> list[tuple[str, str]]:
    """X-RateLimit-* for a window (plain ASCII values, safe to add without validation)."""
    return [
        ("X-RateLimit-Limit", str(window.limit)),
        ("X-RateLimit-Remaining", str(window.remaining)),
        ("X-RateLimit-Reset", str(int(window.reset_at))),
    ]


def _guard() -> None:
    endpoint = request.endpoint
    sent_key = "X-API-Key" in request.headers and request.path.startswith("/api/")
    if sent_key and issued_key() is None:
        raise ApiProblem(
            401, "the X-API-Key header holds no key this service issued", title="Unknown API key"
        )
    counters = current_app.extensions["kratom.counters"]
    if counters is None:
        return  # RATE_LIMITS=off
    counted = request.environ.get(COUNTED)
    if counted is not None:  # counted by the answer front, which left the answer to Flask
        g.rate_window = counted
        if not counted.allowed:
            raise too_many(API_LIMIT[0], counted)
        return
    limits = limits_for(endpoint, current_app.view_functions.get(endpoint or ""))
    if limits:
        check(counters, limits, endpoint)


def _tell(response):
    window = g.get("rate_window")
    if window is not None:
        response.headers._list.extend(window_headers(window))  # noqa: SLF001 (known-good values)
        if response.status_code == 429:
            response.headers["Retry-After"] = str(retry_after(window))
    return response


def init_app(app: Flask) -> None:
    on = app.config["RATE_LIMITS"] == "on"
    app.extensions["kratom.counters"] = Counters(app.config["RATE_LIMIT_STORAGE"]) if on else None
    app.before_request(_guard)  # after bodies' limit, so a key function may read the body
    app.after_request(_tell)
