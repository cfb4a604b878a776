"""GET /api/v1/verdict: the verdict for a location exactly at one jurisdiction."""

from __future__ import annotations

from flask import jsonify, request

from .. import context
from ..response_cache import cached_json
from . import answers, bp, params


@bp.get("/verdict")
@cached_json(params.as_of_date)
def verdict():
    params.only_known_params("jurisdiction", "date")
    registry = context.registry()
    division = params.division(registry, request.args.get("jurisdiction"))
    on = params.as_of_date()
    body = answers.verdict_body(tuple(registry.chain(division.id)), on)
    return jsonify({**body, "notes": _chain_notes(division)})


def _chain_notes(division) -> list[str]:
    if len(division.counties) > 1:
        return [
            f"{division.name} spans {len(division.counties)} counties; this answer uses the one "
            "holding its centre. Look up an address or point for the exact county."
        ]
    return []


@bp.get("/health")
def health():
    """Liveness: the process answers. (Also the trivial route the lookup benchmark compares to.)"""
    params.only_known_params()
    return jsonify({"status": "ok"})
