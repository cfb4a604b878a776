"""Answers as JSON text, byte for byte what `jsonify(shapes.answer(...))` gives, with the parts
that depend only on a chain and a day encoded once per rule snapshot.

A verdict (and each alternative's verdict) is memoised on the snapshot already (`answers.build`),
so the same object comes back for every question that reaches the same chain on the same day;
its JSON is memoised beside it, keyed by the object's identity. The memo entry holds the object,
so its identity cannot be reused while the entry lives. What depends on the question (the day,
where the place was found, candidates, notes) is encoded per request and spliced around it.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

from flask import Response, current_app

from service.answers import json as shapes
from service.answers.model import Answer, VerdictAnswer

# The members of a lookup answer that come from its verdict answer.
FOUND = ("jurisdictions", "verdict", "upcoming", "pending", "related")


def _dumps(value) -> str:
    return _encoder(current_app.json)(value)


@lru_cache(maxsize=8)
def _encoder(provider):
    """What `provider.dumps(value, separators=(",", ":"))` does (as jsonify writes it), with
    the encoder made once instead of once per call."""
    return json.JSONEncoder(
        ensure_ascii=provider.ensure_ascii,
        sort_keys=provider.sort_keys,
        separators=(",", ":"),
        default=provider.default,
    ).encode


class TextMemo:
    """Encoded texts by the identity of what they encode, least recently used first out,
    bounded by their total length. Each entry holds its object, so that while the entry lives
    no other object can have that identity."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.chars = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, value, encode):
        key = id(value)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry[1]
        text = encode(value)
        size = _size(text)
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, text, size)
                self.chars += size
            while self.chars > self.max_chars and self._entries:
                self.chars -= self._entries.popitem(last=False)[1][2]
        return text


def _size(text) -> int:
    if isinstance(text, dict):
        return sum(_size(part) for part in text.values())
    return sum(map(len, text)) if isinstance(text, tuple) else len(text)


# Verdicts encoded for the chains asked about most recently (a chain's verdict is 2-20 KB).
# The bound counts each entry's texts in full; what the shared, interned texts hold is a
# fraction of it (about a fifth for US chains).
memo = TextMemo(max_chars=16_000_000)


def _remembered(value, encode):
    """`encode(value)`, memoised by the value's identity (values are the rule snapshot's
    memoised answers, so they come back as the same objects)."""
    return memo.get(value, encode)


def _found_parts(found: VerdictAnswer) -> dict[str, str | tuple[str, ...]]:
    """Each member's text; `jurisdictions` as its levels' texts (an array of them). Texts are
    interned: chains share their country and state levels and often their proposals, and each
    such text is then held once however many chains' entries hold it (an interned text is
    freed with its last holder)."""
    return _remembered(found, _encode_found)


def _encode_found(found: VerdictAnswer) -> dict[str, str | tuple[str, ...]]:
    parts = shapes.verdict_answer(found)
    return {
        key: tuple(map(_interned, part)) if key == "jurisdictions" else _interned(part)
        for key, part in parts.items()
    }


def _interned(value) -> str:
    return sys.intern(_dumps(value))


def _text(part: str | tuple[str, ...]) -> str:
    return "[" + ",".join(part) + "]" if isinstance(part, tuple) else part


@lru_cache(maxsize=256)
def _name(key: str) -> str:
    return _dumps(key) + ":"


def _members(items) -> str:
    return "{" + ",".join(_name(key) + text for key, text in items) + "}"


def _alternative(shaped: dict, verdict: dict) -> str:
    return _members(
        (key, _remembered(verdict, lambda v: _interned(shapes.verdicts(v)))
              if key == "verdict"
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
            return _text(found[key])
        if key == "alternatives":
            pairs = zip(value, result.alternatives, strict=True)
            return "[" + ",".join(_alternative(s, a.verdict) for s, a in pairs) + "]"
        return _dumps(value)

    return _members((key, member(key, value)) for key, value in shaped.items())


def verdict_json(found: VerdictAnswer, **extra) -> str:
    """The JSON text of `{**shapes.verdict_answer(found), **extra}`."""
    parts = [(key, _text(part)) for key, part in _found_parts(found).items()]
    return _members([*parts, *((key, _dumps(value)) for key, value in extra.items())])


def json_response(text: str) -> Response:
    return current_app.response_class(text + "\n", mimetype=current_app.json.mimetype)
