"""POST /api/v1/subscriptions: sign an address up for a place's change emails.

The answer is 202 with the same body whatever the address's history (new, awaiting
confirmation, confirmed), so it tells nobody whether an address is subscribed.
"""

from __future__ import annotations

from flask import jsonify, request

from service import context
from service.answers import json as shapes
from service.bodies import body_limit, json_body
from service.db import db, utcnow
from service.mail import signup_queue
from service.mail.signup import Place, SignupError, parse_address, resolve_place
from service.mail.signup_limits import limited
from service.problems import ApiProblem, bad_parameter

from .blueprint import bp

FIELDS = ("email", "q", "jurisdiction", "lat", "lon", "scheduled", "proposals")
MAX_BODY = 4096
ACCEPTED = (
    "If this address can receive email, a confirmation link is on its way. Nothing else is "
    "sent until it is used."
)


def _body() -> dict:
    if not request.is_json:
        raise ApiProblem(415, "send a JSON object (Content-Type: application/json)")
    body = json_body()
    if not isinstance(body, dict):
        raise ApiProblem(400, "the body must be a JSON object", title="Invalid body")
    for name in body:
        if name not in FIELDS:
            raise bad_parameter(name, f"unknown field {name!r} (fields: {', '.join(FIELDS)})")
    return body


def _flag(body: dict, name: str, default: bool) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise bad_parameter(name, f"{name} must be true or false")
    return value


def _problem(error: SignupError) -> ApiProblem:
    extensions = None
    if error.candidates:
        extensions = {"candidates": [_place_json(place) for place in error.candidates]}
    title = "Place not found" if error.status == 404 else "Invalid parameter"
    return ApiProblem(
        error.status, error.message, param=error.field, title=title, extensions=extensions
    )


def _place_json(place: Place) -> dict:
    registry = context.registry()
    chain = [shapes.division_ref(registry.get(i)) for i in place.chain]
    return {"label": place.label, "jurisdiction": place.jurisdiction_id, "jurisdictions": chain}


@bp.post("/subscriptions")
@body_limit(MAX_BODY)
@limited
def subscribe():
    """Sign an address up for a place's change emails (double opt-in).
    ---
    post:
      summary: Subscribe to change emails
      description: The place is text, a point or a jurisdiction id. Only a confirmation email is
        sent until its link is used. The answer is the same for every address, subscribed or
        not. Limited per IP address and per email address.
      tags: [subscriptions]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SubscriptionRequest"}
      responses:
        "202":
          description: Accepted; a confirmation email is on its way if the address takes mail.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/SubscriptionAccepted"}
        "400": BadRequest
        "404": NotFound
        "413": TooLarge
        "415": UnsupportedMediaType
        "429": RateLimited
    """
    body = _body()
    options = {
        "scheduled": _flag(body, "scheduled", True),
        "proposals": _flag(body, "proposals", False),
    }
    try:
        address = parse_address(body.get("email"))
        place = resolve_place(*(body.get(name) for name in ("q", "jurisdiction", "lat", "lon")))
    except SignupError as error:
        raise _problem(error) from None
    signup_queue.queue(db.session, address, place, now=utcnow(), **options)
    db.session.commit()
    answer = {"status": "accepted", "detail": ACCEPTED, "place": _place_json(place)}
    return jsonify(answer), 202
