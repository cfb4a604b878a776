"""GET /api/v1/verdict: the verdict for a location exactly at one jurisdiction."""

from __future__ import annotations

from flask import jsonify, request

from .. import context
from ..verdict import decide
from . import bp, params, serialize


@bp.get("/verdict")
def verdict():
    params.only_known_params("jurisdiction", "date")
    registry = context.registry()
    division = params.division(registry, request.args.get("jurisdiction"))
    on = params.as_of_date()
    result = decide(tuple(registry.chain(division.id)), context.rulebook(), on)
    body = serialize.verdict(result)
    body["notes"] = _chain_notes(division)
    return jsonify(body)


def _chain_notes(division) -> list[str]:
    if len(division.counties) > 1:
        return [
            f"{division.name} spans {len(division.counties)} counties; this answer uses the one "
            "holding its centre. Look up an address or point for the exact county."
        ]
    return []
