"""Rate limits on sign-ups, shared by the form and the API: per client IP address, and per
email address whoever sends it (keyed by a hash, so the counters hold no addresses)."""

from __future__ import annotations

from hashlib import sha256

from flask import current_app, request

from service.bodies import json_body
from service.limits import rate_limit, remote_address
from service.problems import ApiProblem

from .signup import SignupError, parse_address

TOO_MANY = "Too many sign-up requests; please try again later."


def _given_address() -> str | None:
    if request.form:
        return request.form.get("email")
    try:
        body = json_body()
    except ApiProblem:
        return None  # the view reports what is wrong with the body
    return body.get("email") if isinstance(body, dict) else None


def address_key() -> str:
    raw = _given_address()
    if not isinstance(raw, str) or not raw.strip():
        return remote_address()
    try:
        address = parse_address(raw)
    except SignupError:
        address = raw.strip().lower()
    return "address:" + sha256(address.encode()).hexdigest()


per_ip = rate_limit(
    lambda: current_app.config["SUBSCRIBE_RATE_LIMIT"],
    scope="subscribe-ip",
    key=remote_address,
    methods=["POST"],
    message=TOO_MANY,
)
per_address = rate_limit(
    lambda: current_app.config["SUBSCRIBE_ADDRESS_RATE_LIMIT"],
    scope="subscribe-address",
    key=address_key,
    methods=["POST"],
    message=TOO_MANY,
)


def limited(view):
    """Both limits on a sign-up view."""
    return per_ip(per_address(view))
