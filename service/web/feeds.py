"""Atom feeds: changes, all of them (/changes.atom) and one jurisdiction's
(/j/<id>/changes.atom, each including the divisions inside it); and source health
(/status.atom: an entry when a source starts failing or goes silent, and one when it recovers).
Their links are built on PUBLIC_URL, never on the Host header.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from service import context, params
from service.answers.changes import change_json
from service.db import db, utcnow
from service.ingest import health, sources
from service.links import public_url
from service.rules.feed import ChangeQuery, find_changes

bp = Blueprint("feeds", __name__)
ENTRIES = 50


def _feed(title: str, self_url: str, division=None) -> Response:
    params.only_known_params()
    found = find_changes(db.session, context.registry(), ChangeQuery(division, limit=ENTRIES))
    entries = [change_json(c) for c in found[:ENTRIES]]
    updated = entries[0]["detected_at"] if entries else utcnow().isoformat(timespec="seconds")
    body = render_template(
        "feeds/changes.atom.xml",
        title=title,
        feed_id=public_url("feeds.all_changes") if division is None else self_url,
        self_url=self_url,
        updated=updated,
        entries=entries,
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/changes.atom")
def all_changes():
    return _feed("Kratom law changes", public_url("feeds.all_changes"))


@bp.get("/j/<path:ocd_id>/changes.atom")
def jurisdiction_changes(ocd_id: str):
    division = params.division(context.registry(), ocd_id, name="ocd_id")
    self_url = public_url("feeds.jurisdiction_changes", ocd_id=ocd_id)
    return _feed(f"Kratom law changes: {division.name}", self_url, division)


@bp.get("/status.atom")
def status_feed():
    params.only_known_params()
    entries = []
    for incident in health.recent_incidents(db.session, limit=ENTRIES):
        title = sources.title_of(incident.source)
        what = health.describe(incident)
        entries.append(
            {"id": f"incident-{incident.id}-opened", "at": incident.opened_at,
             "title": f"{title} ({incident.source}): {incident.kind}", "summary": what}
        )  # fmt: skip
        if incident.closed_at is not None:
            entries.append(
                {"id": f"incident-{incident.id}-closed", "at": incident.closed_at,
                 "title": f"{title} ({incident.source}): recovered",
                 "summary": f"Recovered {health.when(incident.closed_at)}. It was: {what}"}
            )  # fmt: skip
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    updated = entries[0]["at"] if entries else utcnow()
    body = render_template(
        "feeds/status.atom.xml",
        self_url=public_url("feeds.status_feed"),
        status_url=public_url("pages.status"),
        entries=entries[:ENTRIES],
        updated=updated.isoformat(timespec="seconds"),
    )
    return Response(body, mimetype="application/atom+xml")
