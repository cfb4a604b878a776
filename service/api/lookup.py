"""GET /api/v1/lookup: the verdict for whatever place a person types, or for a point."""

from __future__ import annotations

import math

from flask import jsonify, request

from jurisdictions.resolution import Ambiguous

from .. import context
from ..problems import ApiProblem, bad_parameter
from ..response_cache import cached_json
from . import answers, bp, params

MAX_QUERY = 200


def _coordinate(name: str, low: float, high: float) -> float:
    raw = request.args.get(name)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise bad_parameter(name, f"{name} must be a number in degrees, got {raw!r}") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise bad_parameter(name, f"{name} must be between {low:g} and {high:g}, got {raw!r}")
    return value


def _text() -> str:
    text = request.args["q"].strip()
    if not text:
        raise bad_parameter("q", "q is empty: type a city, county, state, ZIP code or country")
    if len(text) > MAX_QUERY:
        raise bad_parameter("q", f"q is longer than {MAX_QUERY} characters")
    return text


@bp.get("/lookup")
@cached_json(params.as_of_date)
def lookup_location():
    params.only_known_params("q", "lat", "lon", "date")
    on = params.as_of_date()
    has_text = "q" in request.args
    has_point = "lat" in request.args or "lon" in request.args
    if has_text == has_point:
        raise bad_parameter("q", "give either q=<place> or lat=<degrees>&lon=<degrees>")
    if has_text:
        text = _text()
        result = context.locator().text(text)
        if result is None:
            raise ApiProblem(404, f"no place matches {text!r}", title="Place not found")
    else:
        lat, lon = _coordinate("lat", -90, 90), _coordinate("lon", -180, 180)
        result = context.locator().point(lat, lon)
        if result is None:
            raise ApiProblem(404, f"no country lies at {lat}, {lon}", title="Place not found")
    if isinstance(result, Ambiguous):
        return jsonify(answers.ambiguous(result, on))
    return jsonify(answers.answer(result, on))
