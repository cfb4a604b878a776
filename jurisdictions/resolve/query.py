"""What a person typed, taken apart: a ZIP code, or a name with optional qualifiers.

"near Oceanside, CA, USA" -> name "oceanside", qualifiers ("ca",); "34236-1234" -> zip "34236".
Qualifiers are the comma-separated parts after the first, most specific last-but-one, e.g.
"Toronto, Ontario, Canada" -> name "toronto", qualifiers ("ontario", "canada").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import name_key

_ZIP = re.compile(r"(?<!\d)(\d{5})(?:[- ]?\d{4})?(?!\d)")
_LEADING_FILLER = re.compile(r"^(?:(?:near|in|around|at|by|close to|the city of|city of)\s+)+")
_TRAILING_COUNTRY = re.compile(r"(?:,?\s*(?:usa|u s a|u s|united states(?: of america)?))$")


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    zip: str | None = None
    name: str = ""
    qualifiers: tuple[str, ...] = ()
    us_hint: bool = False  # the text said USA / United States


def parse_query(text: str) -> Query:
    key = name_key(text)
    zip_match = _ZIP.search(key)
    zip_code = zip_match.group(1) if zip_match else None
    if zip_match:
        key = (key[: zip_match.start()] + key[zip_match.end() :]).strip(" ,")
    key = _LEADING_FILLER.sub("", key).strip(" ,")
    us_hint = False
    stripped = _TRAILING_COUNTRY.sub("", key).strip(" ,")
    if stripped and stripped != key:
        key, us_hint = stripped, True
    parts = [part.strip() for part in key.split(",") if part.strip()]
    if not parts:
        return Query(text, zip_code, "", (), us_hint or key in ("usa", "us", "united states"))
    return Query(text, zip_code, parts[0], tuple(parts[1:]), us_hint)
