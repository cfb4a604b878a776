"""A location (text or point) to a verdict: resolve, decide, and say how sure the place is."""

from __future__ import annotations

from datetime import date

from jurisdictions.resolve.resolution import Ambiguous, Resolution
from service import context
from service.problems import ApiProblem
from service.rules.verdict import decide

from . import shapes as serialize


def locate_text(text: str) -> Resolution | Ambiguous:
    result = context.locator().text(text)
    if result is None:
        raise ApiProblem(404, f"no place matches {text!r}", title="Place not found")
    return result


def locate_point(lat: float, lon: float) -> Resolution:
    result = context.locator().point(lat, lon)
    if result is None:
        raise ApiProblem(404, f"no country lies at {lat}, {lon}", title="Place not found")
    return result


def body_for(result: Resolution | Ambiguous, on: date) -> dict:
    return ambiguous(result, on) if isinstance(result, Ambiguous) else answer(result, on)


def location_json(resolution: Resolution) -> dict:
    return {
        "label": resolution.label,
        "lat": resolution.lat,
        "lon": resolution.lon,
        "precision": resolution.precision,
        "approximate": resolution.approximate,
        "near_boundary": resolution.near_boundary,
        "resolver": resolution.resolver,
    }


def _chain_ids(chain) -> list[dict]:
    return [serialize.division_ref(d) for d in chain]


def verdict_body(chain, on: date) -> dict:
    """The verdict for a chain on a day; decisions are memoised per rule snapshot, since many
    places share one chain."""
    book = context.rulebook()
    key = ("verdict", tuple(d.id for d in chain), on)
    return serialize.verdict(book.remember(key, lambda: decide(chain, book, on)))


def answer(resolution: Resolution, on: date) -> dict:
    """The verdict body for a resolved location, with the other chains it may fall in."""
    body = dict(verdict_body(resolution.chain, on))
    alternatives = [
        {
            "label": alternative.label,
            "reason": alternative.reason,
            "jurisdictions": _chain_ids(alternative.chain),
            "verdict": verdict_body(alternative.chain, on)["verdict"],
        }
        for alternative in resolution.alternatives
    ]
    return {
        "as_of": body.pop("as_of"),
        "location": location_json(resolution),
        **body,
        "alternatives": alternatives,
        "candidates": [],
        "notes": list(resolution.notes),
    }


def ambiguous(result: Ambiguous, on: date) -> dict:
    return {
        "as_of": on.isoformat(),
        "location": None,
        "jurisdictions": [],
        "verdict": None,
        "upcoming": [],
        "pending": [],
        "alternatives": [],
        "candidates": [
            {
                "label": c.label,
                "lat": c.lat,
                "lon": c.lon,
                "jurisdictions": _chain_ids(c.chain),
            }
            for c in result.candidates
        ],
        "notes": [f"{result.text!r} names several places; choose one of the candidates."],
    }
