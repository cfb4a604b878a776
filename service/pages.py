"""Browser pages."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from .db import db, utcnow
from .freshness import source_states

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/status")
def status():
    now = utcnow()
    states = source_states(db.session, current_app.config, now)
    return render_template("status.html", states=states, now=now)
