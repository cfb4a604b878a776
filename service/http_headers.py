"""Headers every response carries: security headers, CORS on readable endpoints, and caching
(ETag, Cache-Control, 304 on a matching If-None-Match) on successful GETs."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_cors import CORS

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
# Readable from any web page: the JSON API's GETs, its OpenAPI document and the feeds.
CORS_RESOURCES = {
    r"/api/*": {"origins": "*", "methods": ["GET", "HEAD", "OPTIONS"]},
    r"/changes.atom": {"origins": "*", "methods": ["GET", "HEAD"]},
    r"/j/*/changes.atom": {"origins": "*", "methods": ["GET", "HEAD"]},
    r"/status.atom": {"origins": "*", "methods": ["GET", "HEAD"]},
}
FRESH_SECONDS = 60


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _cacheable(response: Response) -> Response:
    """An ETag and a short freshness on successful reads; errors are never stored."""
    if response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
        return response
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if request.blueprint in ("api", "api_docs", "feeds"):
        response.headers.setdefault("Cache-Control", f"public, max-age={FRESH_SECONDS}")
        if not response.get_etag()[0] and not response.is_streamed:
            response.add_etag()
        response.make_conditional(request)
    return response


def init_app(app: Flask) -> None:
    CORS(
        app,
        resources=CORS_RESOURCES,
        send_wildcard=True,
        expose_headers=["ETag", "Retry-After", "X-RateLimit-Remaining"],
    )
    app.after_request(_cacheable)
    app.after_request(_secure)
