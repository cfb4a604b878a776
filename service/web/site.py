"""The site's own pages: home with the status maps, the list of changes, source health and the
page for developers. The answer page is in `lookup`, jurisdiction pages in `jurisdiction`."""

from __future__ import annotations

import re
from functools import cache, partial
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from jurisdictions.vocabulary import SUBSTANCES
from service import context, params
from service.db import db, utcnow
from service.ingest import health
from service.ingest.freshness import source_states
from service.problems import ApiProblem

from .asked import page_date
from .map_marks import bans_by_area
from .maps import legend, marks_on, status_map
from .reachability import incident_words, status_words
from .recent import count_changes, latest_changes

bp = Blueprint("pages", __name__)
CHANGES_PER_PAGE = 50
HOME_CHANGES = 6


@bp.get("/")
def home():
    substance = params.choice("substance", SUBSTANCES) or "kratom"
    registry, book, on = context.registry(), context.rulebook(), page_date()
    maps = [status_map(name, registry, book, on) for name in ("us", "world")]
    marks = marks_on(registry, book, on)
    return render_template(
        "home.html",
        maps=maps,
        substance=substance,
        legends={s: legend(maps, s) for s in SUBSTANCES},
        bans={s: _areas(registry, bans_by_area(marks.bans, s)) for s in SUBSTANCES},
        coming=marks.coming,
        as_of=on,
        dated=bool(request.args.get("date", "").strip()),
        changes=latest_changes(db.session, registry, HOME_CHANGES),
    )


def _areas(registry, grouped: dict) -> list[tuple]:
    """(area division, its local bans), the areas with most bans first."""
    areas = [(registry.get(area), bans) for area, bans in grouped.items() if area in registry]
    return sorted(areas, key=lambda item: (-len(item[1]), item[0].name))


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not re.fullmatch(r"[1-9][0-9]{0,4}", raw):
        detail = f"page must be a whole number from 1, got {raw[:20]!r}"
        raise ApiProblem(400, detail, title="Check the page number")
    return int(raw)


@bp.get("/changes")
def changes():
    page = _page_number()
    registry = context.registry()
    total = count_changes(db.session)
    items = latest_changes(
        db.session, registry, CHANGES_PER_PAGE, offset=(page - 1) * CHANGES_PER_PAGE
    )
    return render_template(
        "changes.html",
        changes=items,
        page=page,
        has_more=page * CHANGES_PER_PAGE < total,
        total=total,
    )


@bp.get("/status")
def status():
    now = utcnow()
    states = source_states(db.session, current_app.config, now)
    return render_template(
        "status.html",
        states=states,
        now=now,
        incidents=health.recent_incidents(db.session, limit=20),
        describe=partial(incident_words, health.describe),
        status_words=status_words,
        when=health.when,
        failed_runs=current_app.config["SOURCE_ALERT_FAILED_RUNS"],
        silent_days=current_app.config["SOURCE_ALERT_SILENT_DAYS"],
    )


ICONS = {"favicon.ico": "image/x-icon", "favicon.svg": "image/svg+xml"}


@cache
def _icon(folder: str, name: str) -> bytes:
    return (Path(folder) / name).read_bytes()


@bp.get("/favicon.ico")
@bp.get("/favicon.svg")
def favicon():
    """The site's icon, from memory: browsers fetch it beside every page and drop the request
    when the page moves on, which a streamed file would not survive cleanly."""
    name = request.path.lstrip("/")
    response = Response(_icon(current_app.static_folder, name), mimetype=ICONS[name])
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.get("/developers")
def developers():
    return render_template("developers.html")
