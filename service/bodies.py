"""Request bodies, read one way: a size limit per endpoint that holds however the body is
sent (with a Content-Length or chunked), and JSON objects with a bounded nesting depth.

A view declares its limit with `@body_limit(bytes)`; others get MAX_REQUEST_KB. The limit is
set on the request before anything reads the body (rate-limit keys included), and Werkzeug
enforces it: a declared length over it is a 413, and so is a chunked body that runs past it
(read up to the limit and then measured like any other). JSON nested deeper than MAX_DEPTH
is a 400, never a RecursionError.
"""

from __future__ import annotations

import io
import json

from flask import Flask, current_app, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from .problems import ApiProblem

MAX_DEPTH = 16


def body_limit(max_bytes: int):
    """Mark a view as taking bodies of at most `max_bytes`."""

    def mark(view):
        view.max_body_bytes = max_bytes
        return view

    return mark


def _apply_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    limit = getattr(view, "max_body_bytes", None)
    if limit is not None:
        request.max_content_length = limit
    if request.max_content_length is not None:
        _measure_chunked(request.environ, request.max_content_length)


def _measure_chunked(environ: dict, limit: int) -> None:
    """Give a chunked body a length: read at most `limit` + 1 bytes of it, so that one over the
    limit meets the same Content-Length check as any other (Werkzeug would silently cut it)."""
    if environ.get("HTTP_TRANSFER_ENCODING", "").lower() != "chunked":
        return
    stream, parts, size = environ["wsgi.input"], [], 0
    while size <= limit:
        part = stream.read(limit + 1 - size)
        if not part:
            break
        parts.append(part)
        size += len(part)
    environ["wsgi.input"] = io.BytesIO(b"".join(parts))
    environ["CONTENT_LENGTH"] = str(size)
    environ.pop("HTTP_TRANSFER_ENCODING")
    environ.pop("wsgi.input_terminated", None)


def too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest more than `limit` levels (checked without recursion)."""
    level = [value]  # the values `depth` containers down
    for _depth in range(limit):
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            return False
    return any(isinstance(item, dict | list) for item in level)


def json_body():
    """The request's JSON body parsed once (None when it is not JSON at all); a problem when it
    is too large (413), not valid JSON or nested too deep (400)."""
    if "json_body" not in g:
        try:
            g.json_body = _parse(_read()) if request.is_json else None
        except ApiProblem as problem:
            g.json_body = problem
    if isinstance(g.json_body, ApiProblem):
        raise g.json_body
    return g.json_body


def _read() -> bytes:
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge:
        limit = request.max_content_length
        raise ApiProblem(413, f"the body is larger than {limit} bytes", title="Too large") from None


def _parse(data: bytes):
    try:
        value = json.loads(data)
    except RecursionError:
        value = None
        deep = True
    except ValueError:
        raise ApiProblem(400, "the body is not valid JSON", title="Invalid body") from None
    else:
        deep = too_deep(value)
    if deep:
        raise ApiProblem(
            400, f"the body is nested more than {MAX_DEPTH} levels deep", title="Invalid body"
        )
    return value


def init_app(app: Flask) -> None:
    app.before_request(_apply_limit)  # registered before the rate limiter reads any body
