"""GET /api/v1/verdict: the verdict for a location exactly at one jurisdiction."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import MultiDict

from service import context, params
from service.answers import build as answers
from service.response_cache import cached_json

from .blueprint import bp
from .encoded import json_response, verdict_json


@bp.get("/verdict")
@cached_json(params.as_of_date)
def verdict():
    """The verdict at exactly one jurisdiction.
    ---
    get:
      summary: Verdict for a jurisdiction
      description: The most restrictive rule in force along the chain country > state > county >
        place, per substance, with what is scheduled and pending. 120 requests a minute per client.
      tags: [verdicts]
      parameters:
        - name: jurisdiction
          in: query
          required: true
          description: Open Civic Data division id, e.g. ocd-division/country:us/state:tn
          schema:
            type: string
            maxLength: 200
            pattern: "^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~-]+)*$"
        - date
      responses:
        "200":
          description: The verdict.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/VerdictAnswer"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
        "404": NotFound
    """
    return json_response(verdict_text(request.args))


def verdict_text(args: MultiDict) -> str:
    """The verdict's answer for these query parameters, as JSON text (the answer front calls
    it too); ApiProblem for anything unusable."""
    params.only_known_params("jurisdiction", "date", args=args)
    registry = context.registry()
    division = params.division(registry, args.get("jurisdiction"))
    on = params.as_of_value(args.get("date"))
    found = answers.verdict_for(tuple(registry.chain(division.id)), on)
    return verdict_json(found, notes=_chain_notes(division))


def _chain_notes(division) -> list[str]:
    if len(division.counties) > 1:
        return [
            f"{division.name} spans {len(division.counties)} counties; this answer uses the one "
            "holding its centre. Look up an address or point for the exact county."
        ]
    return []
