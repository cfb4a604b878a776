"""Typo matching with a bounded cost: name keys grouped by scope and first letter.

A misspelt name is compared only with the known names of the scope it was typed in (a state's
towns, a country's towns, the countries and states) that start with the same letter: typos
rarely touch the first letter ("Nashvile", "Grmany", "Switzerlnd"), and no group holds more
than a few thousand names, so one look-up costs well under a millisecond whatever the text.
Groups are built once, in one pass, when the gazetteer is.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Mapping

from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 88  # rapidfuzz ratio (0-100) a correction must reach
FUZZY_MIN_LENGTH = 4  # shorter keys are never corrected ("tx" is not a typo of "ty")
FUZZY_MAX_LENGTH = 64  # longer text names no place; it is not worth comparing
COUNTRY_CUTOFF = 80  # country and state names are few and far apart: allow two slips


class FuzzyIndex:
    def __init__(self, scopes: Mapping[Hashable, Iterable[str]]):
        """Each scope's names, kept sorted in one tuple, so a first letter's group is a slice."""
        self._scopes = {
            scope: tuple(
                sorted({k for k in keys if FUZZY_MIN_LENGTH <= len(k) <= FUZZY_MAX_LENGTH})
            )
            for scope, keys in scopes.items()
        }

    def best(self, key: str, scope: Hashable, cutoff: int = FUZZY_CUTOFF) -> str | None:
        """The closest known key of the scope to a misspelt one, if it is close enough."""
        if not FUZZY_MIN_LENGTH <= len(key) <= FUZZY_MAX_LENGTH:
            return None
        found = process.extractOne(
            key, self._group(scope, key[0]), scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
        )
        return found[0] if found else None

    def _group(self, scope: Hashable, letter: str) -> tuple[str, ...]:
        keys = self._scopes.get(scope, ())
        start = bisect_left(keys, letter)
        return keys[start : bisect_left(keys, chr(ord(letter) + 1), start)]

    def largest_group(self) -> int:
        """The most names one look-up may compare with."""
        letters = {key[0] for keys in self._scopes.values() for key in keys}
        return max(
            (len(self._group(scope, letter)) for scope in self._scopes for letter in letters),
            default=0,
        )
