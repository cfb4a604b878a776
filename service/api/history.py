"""GET /api/v1/jurisdictions/<ocd-id>/history: every rule this jurisdiction ever had, withdrawn
ones included, each with the change that introduced it and its sources."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import select

from service import context, params
from service.answers import json as shapes
from service.db import db
from service.response_cache import cached_json
from service.rules.models import Change, Rule
from service.rules.views import SourceView

from .blueprint import bp

INTRODUCING = ("baseline", "added", "observed", "reviewed")


def _introduced_by(rule_ids: list[int]) -> dict[int, Change]:
    found: dict[int, Change] = {}
    query = (
        select(Change)
        .where(Change.rule_id.in_(rule_ids), Change.kind.in_(INTRODUCING))
        .order_by(Change.id)
    )
    for change in db.session.scalars(query):
        found.setdefault(change.rule_id, change)
    return found


def _change_ref(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {
        "id": change.id,
        "kind": change.kind,
        "detected_at": change.detected_at.isoformat(timespec="seconds"),
        "origin": change.origin,
        "origin_ref": change.origin_ref,
    }


def _rule_json(rule: Rule, change: Change | None) -> dict:
    sources = tuple(
        SourceView(s.source.url, s.source.title, s.retrieved_at, s.source.kind)
        for s in rule.sources
    )
    return {
        "substance": rule.substance,
        "status": rule.status,
        "min_age": rule.min_age,
        "effective_from": rule.effective_from.isoformat() if rule.effective_from else None,
        "effective_from_precision": rule.effective_from_precision,
        "effective_until": rule.effective_until.isoformat() if rule.effective_until else None,
        "citation": rule.citation,
        "summary": rule.summary,
        "confidence": rule.confidence,
        "last_verified": rule.last_verified.isoformat(),
        "origin": rule.origin,
        "activities": rule.activities,
        "scope": rule.scope,
        "in_force_by": rule.in_force_by.isoformat() if rule.in_force_by else None,
        "withdrawn_at": rule.retired_at.isoformat(timespec="seconds") if rule.retired_at else None,
        "introduced_by": _change_ref(change),
        "sources": shapes.sources(sources),
    }


@bp.get("/jurisdictions/<path:ocd_id>/history")
@cached_json(params.as_of_date)
def jurisdiction_history(ocd_id: str):
    """Every rule a jurisdiction ever had.
    ---
    get:
      summary: Rule history of a jurisdiction
      description: Withdrawn rules included, each with the change that introduced it
        and its sources.
      tags: [jurisdictions]
      parameters:
        - ocd_id
      responses:
        "200":
          description: The rules over time.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/History"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
        "404": NotFound
    """
    params.only_known_params()
    division = params.division(context.registry(), ocd_id, name="ocd_id")
    rules = db.session.scalars(
        select(Rule)
        .where(Rule.jurisdiction_id == division.id)
        .order_by(Rule.substance, Rule.effective_from.nulls_first(), Rule.id)
    ).all()
    introduced = _introduced_by([r.id for r in rules])
    return jsonify(
        {
            **shapes.division_ref(division),
            "rules": [_rule_json(r, introduced.get(r.id)) for r in rules],
        }
    )
