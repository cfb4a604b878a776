"""Browser pages and feeds: the home page and maps, the answer page, jurisdiction pages, changes,
source health, sign-up pages and Atom feeds, rendered from `answers` (never from the JSON API).

May import `answers`, `rules`, `mail` (sign-up), `ingest` (source health) and the top-level
modules; never `api`. Each page module owns its blueprint; `init_app` registers them.
"""

from __future__ import annotations

from flask import Flask

from service.links import public_url


def init_app(app: Flask) -> None:
    from service.answers import phrases

    from . import feeds, headlines, jurisdiction, lookup, site, subscribe, wording

    filters = ("day", "status_name", "substance_name", "words", "law_of", "found_as", "source_kind")
    for name in filters:
        app.add_template_filter(getattr(wording, name), name)
    app.add_template_filter(phrases.rule_phrase, "rule_phrase")
    app.add_template_filter(phrases.status_phrase, "status_phrase")
    for name in ("headline", "upcoming_sentence", "count"):
        app.add_template_global(getattr(wording, name), name)
    app.add_template_global(headlines.how_far, "how_far")
    app.add_template_global(public_url)
    for module in (site, lookup, jurisdiction, feeds):
        app.register_blueprint(module.bp)
    subscribe.init_app(app)
