"""GET /api/v1/sources: each source, its schedule, last run, last success and freshness."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from flask import current_app, jsonify

from service import params
from service.db import db, utcnow
from service.ingest.freshness import SourceState, source_states

from .blueprint import bp


def _time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _run(state: SourceState) -> dict | None:
    run = state.last_run
    if run is None:
        return None
    return {
        "started_at": _time(run.started_at),
        "finished_at": _time(run.finished_at),
        "outcome": run.outcome,
        "observations": run.observations,
        "agreements": run.agreements,
        "review_items": run.review_items,
        "changes": run.changes,
        "error": run.error,
    }


def source_json(state: SourceState) -> dict:
    return {
        "name": state.name,
        "title": state.title,
        "url": state.url,
        "trust": state.trust,
        "interval_minutes": state.interval_minutes,
        "enabled": state.disabled_reason is None,
        "disabled_reason": state.disabled_reason,
        "status": state.status,
        "health": state.health,
        "incidents": [
            {"kind": i.kind, "since": _time(i.since), "reason": i.reason} for i in state.incidents
        ],
        "stale": state.stale,
        "last_success_at": _time(state.last_success_at),
        "last_run": _run(state),
    }


@bp.get("/sources")
def sources():
    """Each source the service reads, its schedule and freshness.
    ---
    get:
      summary: Sources and their freshness
      tags: [service]
      responses:
        "200":
          description: The sources.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Sources"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
    """
    params.only_known_params()
    now = utcnow()
    listed = [source_json(s) for s in source_states(db.session, current_app.config, now)]
    response = jsonify({"as_of": _time(now), "sources": listed})
    # Weak: the same sources in the same state are the same answer, whatever second it is.
    response.set_etag(hashlib.sha256(json.dumps(listed).encode()).hexdigest()[:32], weak=True)
    return response
