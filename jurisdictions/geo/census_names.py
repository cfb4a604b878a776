"""Every Census place's name, class and counties: is a town named in text incorporated?

Read from `census_places.tsv.gz` (see the README beside the data). Kept as one text per state,
one line per name key ("key<TAB>class<TAB>counties"), searched on demand: about 30,000 names
cost a megabyte or so this way, several as dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from . import DATA_DIR
from .tables import read_rows

COLUMNS = ("geoid", "state", "key", "census_class", "counties")


INACTIVE = "C9"


def is_incorporated(census_class: str) -> bool:
    """C1..C8 are incorporated places; C9 is inactive; U1, U2, M2 are CDPs."""
    return census_class.startswith("C") and census_class != INACTIVE


class CensusNames:
    def __init__(self, rows):
        lines: dict[str, list[str]] = defaultdict(list)
        for _geoid, state, key, census_class, counties in rows:
            lines[state].append(f"{key}\t{census_class}\t{counties}")
        self._text = {state: "\n" + "\n".join(found) + "\n" for state, found in lines.items()}

    def entries(self, state: str, key: str) -> list[tuple[str, tuple[str, ...]]]:
        """(class, counties) of each Census place of the state with this name key."""
        text = self._text.get(state, "")
        needle = f"\n{key}\t"
        found = []
        at = text.find(needle)
        while at >= 0:
            end = text.index("\n", at + 1)
            _, census_class, counties = text[at + 1 : end].split("\t")
            found.append((census_class, tuple(counties.split(";")) if counties else ()))
            at = text.find(needle, end)
        return found

    def incorporated(self, state: str, key: str, county_fips: str | None) -> bool | None:
        """True for an incorporated place, False for a CDP, None when unknown or mixed."""
        entries = self.entries(state, key)
        if county_fips:
            entries = [e for e in entries if county_fips in e[1]]
        active = [e for e in entries if e[0] != INACTIVE]
        entries = active or entries  # Louisville's old city (C9) under its metro government
        kinds = {is_incorporated(census_class) for census_class, _ in entries}
        return kinds.pop() if len(kinds) == 1 else None


def read_census_names(path: Path) -> CensusNames:
    return CensusNames(read_rows(path, COLUMNS))


@cache
def load_census_names(directory: Path = DATA_DIR) -> CensusNames:
    return read_census_names(directory / "census_places.tsv.gz")
