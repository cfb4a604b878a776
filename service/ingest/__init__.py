"""Running sources and taking in what they observed: the configured sources, scheduled
refreshes, reconcile by each source's trust policy, authoritative rules, the review queue,
proposals from sources, freshness and source health, their tables and the `scrape` and
`review` commands.

May import `rules`, `scrapers` and the top-level modules; never `mail`, `web` or `api`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import cli, review_cli

    app.cli.add_command(cli.scrape_group)
    app.cli.add_command(review_cli.review_group)
