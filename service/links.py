"""Absolute links, always built on PUBLIC_URL and never on the request's Host header (which the
client chooses and a shared cache would keep): in feeds, in JSON and in emails alike."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app
from werkzeug.routing import Map, MapAdapter


@lru_cache(maxsize=8)
def _builder(url_map: Map) -> MapAdapter:
    return url_map.bind("localhost")


def public_url(endpoint: str, **values) -> str:
    """PUBLIC_URL followed by the endpoint's path (extra values become the query string)."""
    return current_app.config["PUBLIC_URL"] + _builder(current_app.url_map).build(endpoint, values)
