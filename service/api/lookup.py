"""GET /api/v1/lookup: the verdict for whatever place a person types, or for a point."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import MultiDict

from service import params
from service.answers import build as answers
from service.problems import bad_parameter
from service.response_cache import cached_json

from .blueprint import bp
from .encoded import answer_json, json_response


@bp.get("/lookup")
@cached_json(params.as_of_date)
def lookup_location():
    """The verdict for whatever a person types, or for a point.
    ---
    get:
      summary: Look up a place or a point
      description: Text (a city, "City, ST", a county, state, ZIP or ZIP+4, a country) or a point,
        resolved offline to its chain of jurisdictions. An ambiguous name returns `candidates` and
        a null verdict. 120 requests a minute per client.
      tags: [verdicts]
      parameters:
        - name: q
          in: query
          description: What a person typed.
          schema: {"type": "string", "minLength": 1, "maxLength": 200, "pattern": '\\S'}
        - name: lat
          in: query
          description: Latitude in degrees (with lon).
          schema: {"type": "number", "minimum": -90, "maximum": 90}
        - name: lon
          in: query
          description: Longitude in degrees (with lat).
          schema: {"type": "number", "minimum": -180, "maximum": 180}
        - date
      responses:
        "200":
          description: Where the place is, and the verdict there (or candidates).
          content:
            application/json:
              schema: {$ref: "#/components/schemas/LookupAnswer"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
        "404": NotFound
    """
    return json_response(lookup_text(request.args))


def lookup_text(args: MultiDict) -> str:
    """The lookup's answer for these query parameters, as JSON text (the answer front calls it
    too); ApiProblem for anything unusable."""
    params.only_known_params("q", "lat", "lon", "date", args=args)
    on = params.as_of_value(args.get("date"))
    has_text = "q" in args
    has_point = "lat" in args or "lon" in args
    if has_text == has_point:
        raise bad_parameter("q", "give either q=<place> or lat=<degrees>&lon=<degrees>")
    if has_text:
        result = answers.locate_text(params.place_text(args["q"]))
    else:
        lat = params.coordinate("lat", args.get("lat"), 90)
        lon = params.coordinate("lon", args.get("lon"), 180)
        result = answers.locate_point(lat, lon)
    return answer_json(answers.answer_for(result, on))
