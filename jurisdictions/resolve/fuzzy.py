"""Typo matching with a bounded cost: name keys grouped by scope and first letter.

A misspelt name is compared only with the known names of the scope it was typed in (a state's
towns, a country's towns, the countries and states) that start with the same letter: typos
rarely touch the first letter ("Nashvile", "Grmany", "Switzerlnd"), and no group holds more
than a few thousand names, so one look-up costs well under a millisecond whatever the text.
Groups are built once, in one pass, when the gazetteer is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 88  # rapidfuzz ratio (0-100) a correction must reach
FUZZY_MIN_LENGTH = 4  # shorter keys are never corrected ("tx" is not a typo of "ty")
FUZZY_MAX_LENGTH = 64  # longer text names no place; it is not worth comparing
COUNTRY_CUTOFF = 80  # country and state names are few and far apart: allow two slips


class FuzzyIndex:
    def __init__(self, pairs: Iterable[tuple[Hashable, str]]):
        """`pairs` are (scope, key); a key may belong to several scopes."""
        groups: dict[tuple, set[str]] = defaultdict(set)
        for scope, key in pairs:
            if FUZZY_MIN_LENGTH <= len(key) <= FUZZY_MAX_LENGTH:
                groups[scope, key[0]].add(key)
        self._groups = {group: tuple(sorted(keys)) for group, keys in groups.items()}

    def best(self, key: str, scope: Hashable, cutoff: int = FUZZY_CUTOFF) -> str | None:
        """The closest known key of the scope to a misspelt one, if it is close enough."""
        if not FUZZY_MIN_LENGTH <= len(key) <= FUZZY_MAX_LENGTH:
            return None
        choices = self._groups.get((scope, key[0]), ())
        found = process.extractOne(
            key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
        )
        return found[0] if found else None

    def largest_group(self) -> int:
        return max(map(len, self._groups.values()), default=0)
