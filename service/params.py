"""Query parameters: strict parsing with a clear problem for anything unusable."""

from __future__ import annotations

import math
import re
from datetime import date

from flask import request
from werkzeug.datastructures import MultiDict

from jurisdictions import ocd
from jurisdictions.registry import Division, Registry

from .db import today
from .problems import ApiProblem, bad_parameter

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PARAM_LENGTH = 200


def only_known_params(*allowed: str, args: MultiDict | None = None) -> None:
    """Refuse misspelt or unsupported parameters instead of silently ignoring them.
    `args`: the query's parameters (the request's by default)."""
    args = request.args if args is None else args
    for name in args:
        if name not in allowed:
            expected = ", ".join(allowed) or "none"
            raise bad_parameter(
                name, f"unknown parameter {name!r} (this endpoint takes: {expected})"
            )
        if len(args.getlist(name)) > 1:
            raise bad_parameter(name, f"{name!r} was given more than once")
        if len(args[name]) > MAX_PARAM_LENGTH:
            raise bad_parameter(name, f"{name!r} is longer than {MAX_PARAM_LENGTH} characters")


def as_of_date(name: str = "date") -> date:
    return as_of_value(request.args.get(name), name)


def as_of_value(raw, name: str = "date") -> date:
    """A day written YYYY-MM-DD (from a query string or a JSON body); None means today (UTC)."""
    if raw is None:
        return today()
    if not isinstance(raw, str) or not _ISO_DAY.match(raw):
        raise bad_parameter(name, f"{name} must be a calendar date written YYYY-MM-DD, got {raw!r}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise bad_parameter(name, f"{raw!r} is not a calendar date") from None


def choice(name: str, choices: tuple[str, ...]) -> str | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if raw not in choices:
        raise bad_parameter(name, f"{name} must be one of {', '.join(choices)}; got {raw!r}")
    return raw


def division(registry: Registry, raw: str | None, name: str = "jurisdiction") -> Division:
    if raw is None or raw == "":
        raise bad_parameter(
            name, f"{name} is required: an OCD division id such as ocd-division/country:us/state:tn"
        )
    if not ocd.is_valid(raw):
        raise bad_parameter(
            name, f"{raw!r} is not an OCD division id (e.g. ocd-division/country:us/state:fl)"
        )
    found = registry.get(raw)
    if found is None:
        raise ApiProblem(404, f"no jurisdiction has the id {raw!r}", title="Unknown jurisdiction")
    return found


def place_text(raw, name: str = "q") -> str:
    """What a person typed: text of 1 to MAX_PARAM_LENGTH characters."""
    if not isinstance(raw, str):
        raise bad_parameter(name, f"{name} must be text, got {type(raw).__name__}")
    text = raw.strip()
    if not text:
        raise bad_parameter(
            name, f"{name} is empty: type a city, county, state, ZIP code or country"
        )
    if len(text) > MAX_PARAM_LENGTH:
        raise bad_parameter(name, f"{name} is longer than {MAX_PARAM_LENGTH} characters")
    return text


def coordinate(name: str, raw, limit: float) -> float:
    """A latitude (limit 90) or longitude (limit 180) in degrees, from text or a JSON number."""
    if isinstance(raw, bool):
        raw = None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise bad_parameter(name, f"{name} must be a number in degrees, got {raw!r}") from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise bad_parameter(name, f"{name} must be between {-limit:g} and {limit:g}, got {raw!r}")
    return value
