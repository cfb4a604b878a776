"""Telling the operator when a source breaks and when it recovers.

A clock job, under the lock `source_alerts`: it brings every source's incidents up to date
(`service.ingest.health`, which also catches a source gone silent because nothing ran it), then
emails OPERATOR_EMAIL once for each incident opened and once when it closes, through the mail
transport the site uses. It lives at the top of the service, beside the clock, because it joins
two packages that must not know each other: ingest keeps the incident table and never imports
mail; this module reads that table and sends. An email that cannot be sent now is tried again
on the next tick; an incident that opened and closed before any email about it went out is
not announced at all.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import Flask, render_template
from sqlalchemy import select

from .db import db, utcnow
from .ingest import health, sources
from .ingest.models import SourceIncident
from .locks import job_lock
from .mail.links import public_url
from .mail.transports import TransportDown, transport_for

log = logging.getLogger("service.source_alerts")


def due_alerts(session) -> list[tuple[SourceIncident, str]]:
    """(incident, `opened` or `closed`) for every email not yet sent."""
    opened = session.scalars(
        select(SourceIncident).where(
            SourceIncident.opened_mailed_at.is_(None), SourceIncident.closed_at.is_(None)
        )
    )
    closed = session.scalars(
        select(SourceIncident).where(
            SourceIncident.closed_at.is_not(None),
            SourceIncident.opened_mailed_at.is_not(None),
            SourceIncident.closed_mailed_at.is_(None),
        )
    )
    return [(i, "opened") for i in opened] + [(i, "closed") for i in closed]


def letter(app: Flask, incident: SourceIncident, event: str) -> EmailMessage:
    title = sources.title_of(incident.source)
    happened = "recovered" if event == "closed" else incident.kind
    email = EmailMessage()
    email["From"] = app.config["MAIL_FROM"]
    email["To"] = app.config["OPERATOR_EMAIL"]
    email["Subject"] = f"Source health: {incident.source} {happened}"
    email["Date"] = formatdate(usegmt=True)
    domain = parseaddr(app.config["MAIL_FROM"])[1].rpartition("@")[2] or "localhost"
    email["Message-ID"] = make_msgid(f"incident.{incident.id}.{event}", domain=domain)
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(
        render_template(
            "email/source_alert.txt",
            incident=incident,
            event=event,
            title=title,
            what=health.describe(incident),
            when=health.when,
            status_url=public_url("pages.status"),
        )
    )
    return email


def send_alerts(app: Flask) -> int:
    """Send what is due; the number sent. Nothing without OPERATOR_EMAIL."""
    if not app.config["OPERATOR_EMAIL"]:
        return 0
    due = due_alerts(db.session)
    if not due:
        return 0
    try:
        connection = transport_for(app).open()
    except TransportDown as exc:
        log.warning("source alerts: %s; will try again", exc)
        return 0
    sent = 0
    try:
        for incident, event in due:
            outcome = connection.send(letter(app, incident, event))
            if outcome.result != "sent":
                log.warning("source alert for %s not sent: %s", incident.source, outcome.reason)
                continue
            stamp = "opened_mailed_at" if event == "opened" else "closed_mailed_at"
            setattr(incident, stamp, utcnow())
            db.session.commit()
            sent += 1
    finally:
        connection.close()
    return sent


def run_alert_job(app: Flask) -> int | None:
    """Evaluate every source's health and send due alerts; None when another clock has it."""
    lease = app.config["JOB_LOCK_SECONDS"]
    with app.app_context(), job_lock(db.engine, "source_alerts", lease) as held:
        if not held:
            return None
        now = utcnow()
        for name in sources.names():
            health.evaluate(db.session, app.config, name, now)
        db.session.commit()
        sent = send_alerts(app)
        if sent:
            log.info("source alerts: %d email(s) sent", sent)
        return sent
