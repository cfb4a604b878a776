"""GET /api/v1/jurisdictions and /api/v1/jurisdictions/<ocd-id>: each jurisdiction's own law."""

from __future__ import annotations

from flask import jsonify

from jurisdictions.registry import Division
from jurisdictions.vocabulary import STATUS_RANK, SUBSTANCES
from service import context, params
from service.answers import json as shapes
from service.response_cache import cached_json
from service.rules.rulebook import RuleBook

from .blueprint import bp

LEVELS = ("country", "state", "county", "place")


def _current_rules(book: RuleBook, division: Division, on) -> dict:
    return {s: shapes.rule(book.rule_on(division.id, s, on)) for s in SUBSTANCES}


def _matches(rules: dict, status: str | None, substance: str | None) -> bool:
    if status is None:
        return True
    wanted = (substance,) if substance else SUBSTANCES
    return any(rules[s] is not None and rules[s]["status"] == status for s in wanted)


@bp.get("/jurisdictions")
@cached_json(params.as_of_date)
def jurisdictions():
    """Every jurisdiction with law of its own.
    ---
    get:
      summary: List jurisdictions with their own law
      tags: [jurisdictions]
      parameters:
        - {name: level, in: query, schema: {enum: [country, state, county, place]}}
        - name: status
          in: query
          description: The jurisdiction's own rule status.
          schema: {"enum": ["legal", "regulated", "restricted", "banned", "unknown"]}
        - {name: substance, in: query, schema: {enum: [kratom, 7-oh]}}
        - date
      responses:
        "200":
          description: The jurisdictions and their own rules on the day.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/JurisdictionList"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
    """
    params.only_known_params("level", "status", "substance", "date")
    level = params.choice("level", LEVELS)
    status = params.choice("status", tuple(STATUS_RANK))
    substance = params.choice("substance", SUBSTANCES)
    on = params.as_of_date()
    registry, book = context.registry(), context.rulebook()
    listed = []
    for jurisdiction_id in sorted(set(book.rules) | set(book.proposals)):
        division = registry.get(jurisdiction_id)
        if division is None or (level and division.level != level):
            continue
        rules = _current_rules(book, division, on)
        if _matches(rules, status, substance):
            listed.append({**_summary(division), "rules": rules})
    return jsonify({"as_of": on.isoformat(), "count": len(listed), "jurisdictions": listed})


def _summary(division: Division) -> dict:
    return {
        **shapes.division_ref(division),
        "kind": division.kind,
        "parent": division.parent,
        "url": shapes.jurisdiction_link(division),
    }


@bp.get("/jurisdictions/<path:ocd_id>")
@cached_json(params.as_of_date)
def jurisdiction(ocd_id: str):
    """One division: its own rules, their history, proposals and children with law.
    ---
    get:
      summary: One jurisdiction
      tags: [jurisdictions]
      parameters:
        - ocd_id
        - date
      responses:
        "200":
          description: The jurisdiction.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/JurisdictionDetail"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
        "404": NotFound
    """
    params.only_known_params("date")
    registry, book = context.registry(), context.rulebook()
    division = params.division(registry, ocd_id, name="ocd_id")
    on = params.as_of_date()
    history = [shapes.rule(view) for s in SUBSTANCES for view in book.timeline(division.id, s)]
    children = [
        _summary(child) for child in registry.children(division.id) if book.has_law(child.id)
    ]
    parent = registry.get(division.parent) if division.parent else None
    return jsonify(
        {
            **_summary(division),
            "parent": shapes.division_ref(parent),
            "codes": dict(division.codes),
            "as_of": on.isoformat(),
            "rules": _current_rules(book, division, on),
            "history": history,
            "proposals": [shapes.proposal(division, p) for p in book.proposals_for(division.id)],
            "children_with_law": children,
        }
    )
