"""Absolute links for emails, built on PUBLIC_URL (emails are composed outside any request)."""

from __future__ import annotations

from service.links import public_url

__all__ = ["page_url", "public_url"]


def page_url(jurisdiction_id: str) -> str:
    """The jurisdiction's page, /j/<ocd-id>."""
    return public_url("jurisdiction.page", ocd_id=jurisdiction_id)
