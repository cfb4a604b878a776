"""The rules core: jurisdictions, rules, proposals, changes and sources (tables and the curated
load), the rule snapshot every answer reads (`rulebook`), the verdict engine, due dates, the
division mirror, the change feed, and the one way a Change is recorded and judged news.

May import `jurisdictions` and the top-level modules (`db`); never `ingest`, `mail`, `web`,
`api` or `answers`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from service.db import db

    from . import meta

    meta.register(db.session)
