"""Finished JSON answers, kept per process and reused while the rules stay the same.

An answer depends only on the request's parameters, the day it is for, and the rule snapshot,
so those make the key: a new rules version simply stops matching old entries, which then age
out of the bounded LRU. Only successful answers are kept, gzip-compressed (answers repeat
their sources and shrink about five times), and sent compressed to clients that accept it.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from datetime import date
from functools import cache, wraps

from flask import Response, current_app, request

from jurisdictions.geo import DATA_DIR as GEO_DIR

from . import context

DATA_DIR = GEO_DIR.parent


class ResponseCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one answer may not crowd out the rest
        with self._lock:
            old = self._entries.pop(key, None)
            self.bytes += len(body) - (len(old) if old is not None else 0)
            self._entries[key] = body
            while self.bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= len(dropped)


def _unpack(packed: bytes) -> Response:
    if "gzip" in request.accept_encodings:
        response = Response(packed, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(gzip.decompress(packed), mimetype="application/json")
    response.vary.add("Accept-Encoding")
    return response


def _tagged(response: Response, etag: str) -> Response:
    # Weak: the same answer may travel gzip-encoded or not.
    response.set_etag(etag, weak=True)
    response.vary.add("Accept-Encoding")
    return response


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.vary.add("Accept-Encoding")
    return _tagged(response, etag)


def request_key(on: date) -> tuple:
    args = tuple(sorted(request.args.items(multi=True)))
    return (request.path, args, on, context.rulebook().version, data_version())


@cache
def data_version() -> str:
    """A digest of the bundled geographic and registry data (answers depend on it too)."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def etag_for(key: tuple) -> str:
    """The answer's validator, known from the question alone: a 304 costs no computation."""
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


def cached_json(as_of):
    """Serve a GET view's 200 answer from the cache when the same question was answered before.

    `as_of` reads the request's day (validating it), so "today" is part of the key."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            cache: ResponseCache = current_app.extensions["kratom.responses"]
            key = request_key(as_of())
            etag = etag_for(key)
            if request.if_none_match.contains_weak(etag):
                return _not_modified(etag)
            packed = cache.get(key)
            if packed is not None:
                return _tagged(_unpack(packed), etag)
            response = view(*args, **kwargs)
            if response.status_code == 200:
                cache.put(key, gzip.compress(response.get_data(), compresslevel=1, mtime=0))
                _tagged(response, etag)
            return response

        return wrapper

    return decorate
