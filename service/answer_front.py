"""Lookups and verdicts answered in front of Flask.

Lookups and verdicts are most of the traffic, and all that a plain one needs is the question,
the rate-limit count, the rule snapshot and the answer's JSON. For a plain GET (no API key, no
If-None-Match) while the rule snapshot is fresh, this WSGI layer counts the client's rate
limit exactly as Flask's hook would (same counter, same key), then sends the finished answer
from the response cache, or writes it with the same function the Flask view calls (in an app
context, as the view would) and keeps it. Either way it sends the bytes and headers Flask
would have sent.

Everything else goes to Flask unchanged, and so does any request the front cannot answer: a
refusal by the rate limit, a bad parameter, a place not found, any error. Such a request is
marked as counted, so Flask does not count it again, and Flask answers it (429, the problem,
the error page) as it answers every other request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl

import werkzeug.urls  # noqa: F401 (registers the "werkzeug.url_quote" error handler _args uses)
from flask import Flask
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.http import parse_accept_header

from .db import today
from .http_headers import CORS, PUBLIC_CACHE, SECURITY_HEADERS
from .limits import COUNTED, parse_rate, window_headers
from .response_cache import Cached, answer_key, etag_for

# What the front answers: path -> (Flask endpoint, the function writing the answer's JSON text
# from the query's parameters).
Answers = dict[str, tuple[str, Callable[[MultiDict], str]]]
_FIXED = [
    ("Content-Type", "application/json"),
    ("Vary", "Accept-Encoding"),
    ("Cache-Control", PUBLIC_CACHE),
    *SECURITY_HEADERS.items(),
    *CORS,
]
_SKIP = ("HTTP_X_API_KEY", "HTTP_IF_NONE_MATCH", COUNTED)


class AnswerFront:
    def __init__(self, app: Flask, answers: Answers):
        self.app = app
        self.wsgi = app.wsgi_app
        self.answers = answers
        self.rulebooks = app.extensions["kratom.rulebook"]
        self.cache = app.extensions["kratom.responses"]
        self.counters = app.extensions["kratom.counters"]

    def __call__(self, environ, start_response):
        answer = self.answers.get(environ.get("PATH_INFO", ""))
        if answer is None or environ["REQUEST_METHOD"] != "GET":
            return self.wsgi(environ, start_response)
        if any(name in environ for name in _SKIP):
            return self.wsgi(environ, start_response)
        book = self.rulebooks.fresh()
        if book is None:  # Flask checks the database first
            return self.wsgi(environ, start_response)
        endpoint, write = answer
        headers = list(_FIXED)
        if self.counters is not None:
            window = self._count(environ, endpoint)
            environ[COUNTED] = window
            if not window.allowed:
                return self.wsgi(environ, start_response)
            headers += window_headers(window)
        query = environ.get("QUERY_STRING", "").encode("latin-1")
        key = answer_key(environ["PATH_INFO"], query, today(), book.version)
        gzip_ok = _takes_gzip(environ.get("HTTP_ACCEPT_ENCODING"))
        found = self.cache.find(key, gzip_ok) if self.cache.max_bytes else None
        if found is None:
            found = self._write(write, query, key)
            if found is None:
                return self.wsgi(environ, start_response)
        return self._send(environ, start_response, found, headers)

    def _count(self, environ, endpoint: str):
        """Count the request against the API limit (API_LIMIT: RATE_LIMIT_API per client, per
        endpoint, each item in turn up to the first that refuses it): the tightest window."""
        tightest = None
        client = "ip:" + (environ.get("REMOTE_ADDR") or "unknown")
        for item in parse_rate(self.app.config["RATE_LIMIT_API"]):
            window = self.counters.hit(item, endpoint, client)
            if not window.allowed:
                return window
            if tightest is None or window.remaining < tightest.remaining:
                tightest = window
        return tightest

    def _write(self, write, query: bytes, key: tuple) -> Cached | None:
        """A new answer, kept when the cache is on; None when the view would not answer 200
        (Flask then answers, with its problem)."""
        try:
            with self.app.app_context():
                body = (write(_args(query)) + "\n").encode()
        except Exception:  # noqa: BLE001 (Flask answers it, and handles the error as always)
            return None
        etag = etag_for(key)
        if self.cache.max_bytes:
            self.cache.keep(key, etag, body)
        return Cached(etag, body, gzipped=False)

    @staticmethod
    def _send(environ, start_response, found: Cached, headers: list):
        if found.gzipped:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("ETag", f'W/"{found.etag}"'))
        headers.append(("Content-Length", str(len(found.body))))
        if environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", "max-age=31536000"))
        start_response("200 OK", headers)
        return [found.body]


@lru_cache(maxsize=256)
def _takes_gzip(accept_encoding: str | None) -> bool:
    """Clients send one of a few Accept-Encoding values, each parsed once."""
    return "gzip" in parse_accept_header(accept_encoding)


def _args(query: bytes) -> ImmutableMultiDict:
    """The query's parameters exactly as Werkzeug parses `request.args`."""
    return ImmutableMultiDict(
        parse_qsl(query.decode(), keep_blank_values=True, errors="werkzeug.url_quote")
    )


def init_app(app: Flask, answers: Answers) -> None:
    app.wsgi_app = AnswerFront(app, answers)
