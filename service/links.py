"""Absolute links for emails, built on PUBLIC_URL (emails are composed outside any request)."""

from __future__ import annotations

from flask import current_app
from werkzeug.routing import BuildError

# The jurisdiction page, when the pages blueprint has one; the JSON record otherwise.
PAGE_ENDPOINTS = (("pages.jurisdiction", "ocd_id"), ("api.jurisdiction", "ocd_id"))


def public_url(endpoint: str, **values) -> str:
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"] + path


def page_url(jurisdiction_id: str) -> str:
    for endpoint, argument in PAGE_ENDPOINTS:
        if endpoint in current_app.view_functions:
            try:
                return public_url(endpoint, **{argument: jurisdiction_id})
            except BuildError:
                continue
    return current_app.config["PUBLIC_URL"] + "/"
