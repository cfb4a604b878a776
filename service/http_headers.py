"""Headers every response carries: security headers, CORS on readable endpoints, and caching
(ETag, Cache-Control, 304 on a matching If-None-Match) on successful GETs.

One after-request hook adds them all from lists built once: the policy is a wildcard (any
origin may read, nobody sends credentials), so CORS is a few fixed headers plus the answer to
a preflight, and costs a request next to nothing.
"""

from __future__ import annotations

import re

from flask import Flask, Response, request

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), interest-cohort=()",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
}
_SECURITY = [(name, value) for name, value in SECURITY_HEADERS.items()]
_SECURITY_NAMES = frozenset(name.lower() for name in SECURITY_HEADERS)
# Readable from any web page: the JSON API's GETs, its OpenAPI document and the feeds. The
# batch is a POST, which no preflight allows, so other sites cannot send one from a browser.
API_METHODS = "GET, HEAD, OPTIONS"
FEED_METHODS = "GET, HEAD"
_FEEDS = re.compile(r"^/(?:changes|status|j/.+/changes)\.atom$")
CORS = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, Retry-After, X-RateLimit-Remaining"),
]
FRESH_SECONDS = 60
CACHED_BLUEPRINTS = frozenset(("api", "api_docs", "feeds"))
PUBLIC_CACHE = f"public, max-age={FRESH_SECONDS}"


def readable_methods(path: str) -> str | None:
    """The methods other origins may use on `path`, or None when it is not open to them."""
    if path.startswith("/api/"):
        return API_METHODS
    if _FEEDS.match(path):
        return FEED_METHODS
    return None


def _cors(response: Response, methods: str) -> None:
    headers = response.headers
    headers._list.extend(CORS)  # noqa: SLF001 (constant, valid headers: no need to check them)
    asked = request.headers.get("Access-Control-Request-Method")
    if request.method == "OPTIONS" and asked and asked.upper() in methods.split(", "):
        headers["Access-Control-Allow-Methods"] = methods
        wanted = request.headers.get("Access-Control-Request-Headers")
        if wanted:
            headers["Access-Control-Allow-Headers"] = wanted


def _secure(response: Response) -> None:
    headers = response.headers
    if any(name.lower() in _SECURITY_NAMES for name, _ in headers.items()):
        for name, value in _SECURITY:
            headers.setdefault(name, value)
    else:
        headers._list.extend(_SECURITY)  # noqa: SLF001 (as in _cors)
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def _cacheable(response: Response) -> None:
    """An ETag and a short freshness on successful reads; errors are never stored."""
    status = response.status_code
    if status >= 400:
        response.headers["Cache-Control"] = "no-store"
        return
    if status != 200 or request.method not in ("GET", "HEAD"):
        return
    if request.blueprint in CACHED_BLUEPRINTS:
        response.headers.setdefault("Cache-Control", PUBLIC_CACHE)
        if not response.get_etag()[0] and not response.is_streamed:
            response.add_etag()
        response.make_conditional(request)


def _finish(response: Response) -> Response:
    _cacheable(response)
    _secure(response)
    methods = readable_methods(request.path)
    if methods is not None:
        _cors(response, methods)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_finish)
