"""Finished JSON answers, kept per process and reused while the rules stay the same.

An answer depends only on the question (path and query string as sent), the day, the rule
snapshot and the bundled data, so those make the key: a new rules version simply stops
matching old entries, which then age out of the bounded LRU. Only successful answers are
kept. A new answer is sent and kept as it was written (compressing it would cost more than
writing it); when a client that accepts gzip asks the same question again, the answer is
compressed once (answers repeat their sources and shrink about five times) and kept that way
instead. A client that takes no gzip gets a plain copy kept apart. The answer front
(`service.answer_front`) serves the same entries before Flask is involved at all.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from functools import cache, wraps

from flask import Response, current_app, request

from jurisdictions.geo import DATA_DIR as GEO_DIR

from . import context
from .db import today

DATA_DIR = GEO_DIR.parent


@dataclass(frozen=True)
class Cached:
    etag: str
    body: bytes
    gzipped: bool


class ResponseCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> Cached | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key, entry: Cached) -> None:
        if len(entry.body) > self.max_bytes // 8:
            return  # one answer may not crowd out the rest
        with self._lock:
            old = self._entries.pop(key, None)
            self.bytes += len(entry.body) - (len(old.body) if old is not None else 0)
            self._entries[key] = entry
            while self.bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= len(dropped.body)

    def pop(self, key) -> Cached | None:
        with self._lock:
            found = self._entries.pop(key, None)
            if found is not None:
                self.bytes -= len(found.body)
            return found

    def find(self, key: tuple, gzip_ok: bool) -> Cached | None:
        """The answer as the client takes it. Each encoding is kept apart (key + encoding), so a
        client that takes no gzip costs no decompression after its first time, and a client
        that takes gzip no compression after its second."""
        if gzip_ok:
            return self.get((*key, "gzip")) or self._compressed(key)
        plain = self.get((*key, "identity"))
        if plain is None:
            packed = self.get((*key, "gzip"))
            if packed is not None:
                plain = Cached(packed.etag, gzip.decompress(packed.body), gzipped=False)
                self.put((*key, "identity"), plain)
        return plain

    def _compressed(self, key: tuple) -> Cached | None:
        """An answer kept plain, asked again by a gzip client: kept compressed from now on (its
        plain copy is made again if a client that takes no gzip asks)."""
        plain = self.pop((*key, "identity"))
        if plain is None:
            return None
        packed = Cached(plain.etag, gzip.compress(plain.body, compresslevel=1, mtime=0), True)
        self.put((*key, "gzip"), packed)
        return packed

    def keep(self, key: tuple, etag: str, body: bytes) -> None:
        """Keep a new answer as it was sent (plain)."""
        self.put((*key, "identity"), Cached(etag, body, gzipped=False))


def _respond(found: Cached) -> Response:
    response = Response(found.body, mimetype="application/json")
    if found.gzipped:
        response.headers["Content-Encoding"] = "gzip"
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


def answer_key(path: str, query: bytes, day: date, version: int) -> tuple:
    """What an answer depends on: the question as sent, today (a question without a date is
    about today), the rules version and the bundled data. The answer front computes the same
    key from the WSGI environment."""
    return (path, query, day, version, data_version())


def request_key() -> tuple:
    return answer_key(request.path, request.query_string, today(), context.rulebook().version)


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

    `as_of` reads the request's day first, so a bad date is refused before anything else."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            as_of()
            cache: ResponseCache = current_app.extensions["kratom.responses"]
            key = request_key()
            etag = etag_for(key)
            if request.if_none_match.contains_weak(etag):
                return _not_modified(etag)
            gzip_ok = "gzip" in request.accept_encodings
            found = cache.find(key, gzip_ok)
            if found is not None:
                return _tagged(_respond(found), etag)
            response = view(*args, **kwargs)
            if response.status_code == 200:
                if cache.max_bytes:
                    cache.keep(key, etag, response.get_data())
                _tagged(response, etag)
            return response

        return wrapper

    return decorate
