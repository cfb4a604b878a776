"""Answers as JSON text, byte for byte what `jsonify(shapes.answer(...))` gives, with the parts
that depend only on a chain and a day encoded once per rule snapshot.

A verdict (and each alternative's verdict) is memoised on the snapshot already (`answers.build`),
so the same object comes back for every question that reaches the same chain on the same day;
its JSON is memoised beside it, keyed by the object's identity. The memo entry holds the object,
so its identity cannot be reused while the entry lives. What depends on the question (the day,
where the place was found, candidates, notes) is encoded per request and spliced around it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from flask import Response, current_app

from service import context
from service.answers import json as shapes
from service.answers.model import Answer, VerdictAnswer

# The members of a lookup answer that come from its verdict answer.
FOUND = ("jurisdictions", "verdict", "upcoming", "pending", "related")


def _dumps(value) -> str:
    return current_app.json.dumps(value, separators=(",", ":"))  # as jsonify writes it


def _remembered(value, encode):
    """`encode(value)`, memoised on the rule snapshot by the value's identity."""
    entry = context.rulebook().remember(("json", id(value)), lambda: (value, encode(value)))
    return entry[1]


def _found_parts(found: VerdictAnswer) -> dict[str, str]:
    return _remembered(
        found, lambda v: {key: _dumps(part) for key, part in shapes.verdict_answer(v).items()}
    )


@lru_cache(maxsize=256)
def _name(key: str) -> str:
    return _dumps(key) + ":"


def _members(items) -> str:
    return "{" + ",".join(_name(key) + text for key, text in items) + "}"


def _alternative(shaped: dict, verdict: dict) -> str:
    return _members(
        (key, _remembered(verdict, lambda v: _dumps(shapes.verdicts(v))) if key == "verdict"
         else _dumps(value))
        for key, value in shaped.items()
    )  # fmt: skip


def answer_json(result: Answer) -> str:
    """The JSON text of `shapes.answer(result)`."""
    light = replace(
        result,
        found=None,
        alternatives=tuple(replace(a, verdict={}) for a in result.alternatives),
    )
    shaped = shapes.answer(light)
    found = _found_parts(result.found) if result.found is not None else {}

    def member(key: str, value) -> str:
        if key in FOUND and found:
            return found[key]
        if key == "alternatives":
            pairs = zip(value, result.alternatives, strict=True)
            return "[" + ",".join(_alternative(s, a.verdict) for s, a in pairs) + "]"
        return _dumps(value)

    return _members((key, member(key, value)) for key, value in shaped.items())


def verdict_json(found: VerdictAnswer, **extra) -> str:
    """The JSON text of `{**shapes.verdict_answer(found), **extra}`."""
    parts = _found_parts(found)
    return _members([*parts.items(), *((key, _dumps(value)) for key, value in extra.items())])


def json_response(text: str) -> Response:
    return current_app.response_class(text + "\n", mimetype=current_app.json.mimetype)
