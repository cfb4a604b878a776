"""Place names reduced to a comparable key: "St. Mary's Parish" and "saint marys parish" agree.

Index keys and queries go through the same function, so any spelling the index knows is found
whatever the casing, accents, punctuation or common abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ABBREVIATIONS = {
    "saint": "st",
    "sainte": "ste",
    "fort": "ft",
    "mount": "mt",
    "mountain": "mtn",
    "township": "twp",
}
_ABBREVIATED = re.compile(r"\b(?:" + "|".join(_ABBREVIATIONS) + r")\b")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc`")
_SEPARATORS = re.compile(r"[^a-z0-9,]+")
_COUNTY_SUFFIX = re.compile(r" (county|parish|borough|census area|co)$")


@lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; commas kept; abbreviations unified."""
    if not text.isascii():
        # Accents come off; letters with no ASCII form (ø, ß, 北) go, as the index's did.
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    lowered = text.translate(_APOSTROPHES).lower()
    spaced = " ".join(_SEPARATORS.sub(" ", lowered).replace(",", " , ").split())
    return _ABBREVIATED.sub(_abbreviate, spaced).replace(" , ", ", ")


def _abbreviate(match: re.Match) -> str:
    return _ABBREVIATIONS[match.group(0)]


def strip_county_word(key: str) -> tuple[str, bool]:
    """'sarasota county' -> ('sarasota', True); 'sarasota' -> ('sarasota', False)."""
    match = _COUNTY_SUFFIX.search(key)
    if match is None or match.start() == 0:
        return key, False
    return key[: match.start()], True
