"""Repeated questions answered in front of Flask.

Most lookups and verdicts repeat a question already answered today under the same rules, and
their finished answer is in the response cache. For such a request, a plain GET with no API
key and no If-None-Match, this WSGI layer counts the client's rate limit exactly as Flask's
hook would (same counter, same key) and sends the cached bytes with the headers Flask would
have sent; everything else, and a cache miss, goes on to Flask unchanged. A request the limit
refuses goes on to Flask too, marked as counted, and gets its 429 there.

It only reads what the app keeps anyway: the current rule snapshot when it is fresh (else
Flask checks the database first), the response cache and the rate-limit counters.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.http import parse_accept_header

from .db import today
from .http_headers import CORS, PUBLIC_CACHE, SECURITY_HEADERS
from .limits import COUNTED, parse_rate, window_headers
from .response_cache import answer_key

# Cacheable GET endpoints the front answers, by path.
ENDPOINTS = {"/api/v1/lookup": "api.lookup_location", "/api/v1/verdict": "api.verdict"}
_FIXED = [
    ("Content-Type", "application/json"),
    ("Vary", "Accept-Encoding"),
    ("Cache-Control", PUBLIC_CACHE),
    *SECURITY_HEADERS.items(),
    *CORS,
]
_SKIP = ("HTTP_X_API_KEY", "HTTP_IF_NONE_MATCH", COUNTED)


class AnswerFront:
    def __init__(self, app: Flask):
        self.app = app
        self.wsgi = app.wsgi_app
        self.rulebooks = app.extensions["kratom.rulebook"]
        self.cache = app.extensions["kratom.responses"]
        self.counters = app.extensions["kratom.counters"]

    def __call__(self, environ, start_response):
        endpoint = ENDPOINTS.get(environ.get("PATH_INFO", ""))
        if endpoint is None or environ["REQUEST_METHOD"] != "GET" or not self.cache.max_bytes:
            return self.wsgi(environ, start_response)
        if any(name in environ for name in _SKIP):
            return self.wsgi(environ, start_response)
        book = self.rulebooks.fresh()
        if book is None:
            return self.wsgi(environ, start_response)
        query = environ.get("QUERY_STRING", "").encode("latin-1")
        key = answer_key(environ["PATH_INFO"], query, today(), book.version)
        gzip_ok = "gzip" in parse_accept_header(environ.get("HTTP_ACCEPT_ENCODING"))
        found = self.cache.find(key, gzip_ok)
        if found is None:
            return self.wsgi(environ, start_response)
        headers = list(_FIXED)
        if self.counters is not None:
            window = self._count(environ, endpoint)
            if window is None:
                return self.wsgi(environ, start_response)
            headers += window_headers(window)
        return self._send(environ, start_response, found, headers)

    def _count(self, environ, endpoint: str):
        """Count the request against the API limit (API_LIMIT: RATE_LIMIT_API per client, per
        endpoint); None when it is refused, and Flask answers it."""
        tightest = None
        client = "ip:" + (environ.get("REMOTE_ADDR") or "unknown")
        for item in parse_rate(self.app.config["RATE_LIMIT_API"]):
            window = self.counters.hit(item, endpoint, client)
            if not window.allowed:
                environ[COUNTED] = window
                return None
            if tightest is None or window.remaining < tightest.remaining:
                tightest = window
        return tightest

    @staticmethod
    def _send(environ, start_response, found, headers: list):
        if found.gzipped:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("ETag", f'W/"{found.etag}"'))
        headers.append(("Content-Length", str(len(found.body))))
        if environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", "max-age=31536000"))
        start_response("200 OK", headers)
        return [found.body]


def init_app(app: Flask) -> None:
    app.wsgi_app = AnswerFront(app)
