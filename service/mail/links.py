"""Absolute links for emails, built on PUBLIC_URL (emails are composed outside any request)."""

from __future__ import annotations

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"] + path


def page_url(jurisdiction_id: str) -> str:
    """The jurisdiction's page, /j/<ocd-id>."""
    return public_url("jurisdiction.page", ocd_id=jurisdiction_id)
