"""POST /api/v1/lookup/batch: up to 1,000 locations in one request, one result per location.

A bad location gets a problem object in its place; the batch as a whole fails only when the
request itself is unusable (not JSON, no list, too many items). A batch has a time budget
(BATCH_BUDGET_SECONDS): it starts no location after the budget is spent, and each location it
did not reach gets a problem saying so, in its place, so nothing is silently dropped. A batch
therefore holds a worker for at most the budget plus one location plus writing the answer.
`?fields=verdict` keeps only what a shipping check needs: each verdict and, across the chains
the place may fall in, the strictest status per substance.
"""

from __future__ import annotations

import re
from time import monotonic as clock

from flask import current_app, jsonify, request

from jurisdictions.vocabulary import STATUS_RANK, SUBSTANCES
from service import params
from service.answers import build as answers
from service.answers import json as shapes
from service.bodies import json_body
from service.limits import issued_key, rate_limit
from service.problems import ApiProblem, bad_parameter, problem_body

from .blueprint import bp

MAX_ITEMS = 1000
_ZIP = re.compile(r"^\d{5}(?:-?\d{4})?$")
ITEM_KEYS = ({"q"}, {"lat", "lon"}, {"zip"})


def _json_body() -> dict:
    if not request.is_json:
        raise ApiProblem(415, "send the batch as application/json", title="Unsupported media type")
    body = json_body()
    if not isinstance(body, dict):
        raise ApiProblem(400, "the body must be a JSON object with a 'locations' list")
    unknown = set(body) - {"locations", "date"}
    if unknown:
        raise bad_parameter(sorted(unknown)[0], f"unknown field {sorted(unknown)[0]!r}")
    return body


def _locations(body: dict) -> list:
    locations = body.get("locations")
    if not isinstance(locations, list) or not locations:
        raise bad_parameter("locations", "locations must be a non-empty list")
    if len(locations) > MAX_ITEMS:
        raise ApiProblem(
            413,
            f"a batch holds at most {MAX_ITEMS} locations, got {len(locations)}",
            title="Batch too large",
        )
    return locations


def _resolve(item):
    if not isinstance(item, dict) or set(item) not in ITEM_KEYS:
        raise bad_parameter(
            "location", 'each location is {"q": ...}, {"zip": ...} or {"lat": ..., "lon": ...}'
        )
    if "q" in item:
        return answers.locate_text(params.place_text(item["q"]))
    if "zip" in item:
        code = item["zip"]
        if not isinstance(code, str) or not _ZIP.match(code):
            raise bad_parameter("zip", f"zip must be a 5-digit ZIP or ZIP+4, got {code!r}")
        return answers.locate_text(code)
    lat = params.coordinate("lat", item["lat"], 90)
    return answers.locate_point(lat, params.coordinate("lon", item["lon"], 180))


def _strictest(body: dict) -> dict | None:
    if body["verdict"] is None:
        return None
    verdicts = [body["verdict"], *(alt["verdict"] for alt in body["alternatives"])]
    return {s: max((v[s]["status"] for v in verdicts), key=STATUS_RANK.get) for s in SUBSTANCES}


def _result(item, on, compact: bool) -> dict:
    try:
        body = shapes.answer(answers.answer_for(_resolve(item), on))
    except ApiProblem as problem:
        return {"ok": False, "problem": problem_body(problem)}
    if compact:
        body = {"verdict": body["verdict"], "strictest": _strictest(body)}
    return {"ok": True, **body}


def _not_answered(budget: float) -> dict:
    detail = (
        f"not answered: the batch spent its time budget of {budget:g} s before reaching this "
        "location; send the locations not answered again in another batch"
    )
    return {"ok": False, "problem": problem_body(ApiProblem(503, detail, title="Not answered"))}


def _results(locations: list, on, compact: bool) -> list[dict]:
    """One result per location, in order, until the time budget is spent."""
    budget = current_app.config["BATCH_BUDGET_SECONDS"]
    deadline = clock() + budget
    results = []
    for index, item in enumerate(locations):
        if clock() >= deadline:
            results += [_not_answered(budget)] * (len(locations) - index)
            break
        results.append(_result(item, on, compact))
    return results


def _batch_limit() -> str:
    return current_app.config["RATE_LIMIT_BATCH_KEYED" if issued_key() else "RATE_LIMIT_BATCH"]


@bp.post("/lookup/batch")
@rate_limit(_batch_limit)
def lookup_batch():
    """Up to 1,000 lookups at once.
    ---
    post:
      summary: Look up many places
      description: One result per location, in order; a bad location gets a problem object in its
        place. `fields=verdict` returns only each verdict and the strictest status across the chains
        a place may fall in. A batch has a time budget (5 s unless the operator set another);
        locations not reached within it get a problem with status 503 and title "Not answered",
        to be sent again. 10 batches a minute per client, 120 with an API key (X-API-Key).
      tags: [verdicts]
      parameters:
        - name: fields
          in: query
          description: "verdict: compact results."
          schema: {"enum": ["verdict"]}
        - name: X-API-Key
          in: header
          required: false
          description: A key issued by the operator.
          schema: {"type": "string"}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/BatchRequest"}
      responses:
        "200":
          description: One result per location.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/BatchAnswer"}
        "400": BadRequest
        "401": Unauthorized
        "413": TooLarge
        "415": UnsupportedMediaType
        "429": RateLimited
    """
    params.only_known_params("fields")
    compact = params.choice("fields", ("verdict",)) == "verdict"
    body = _json_body()
    if "date" in body and not isinstance(body["date"], str):
        raise bad_parameter("date", "date must be a day written YYYY-MM-DD (or left out)")
    on = params.as_of_value(body.get("date"))
    results = _results(_locations(body), on, compact)
    return jsonify({"as_of": on.isoformat(), "count": len(results), "results": results})
