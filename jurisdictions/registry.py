"""The division registry: every place the service knows, read from data/divisions.csv.

Stdlib only. The file is sorted by id; see data/README.md for its columns and sources.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from . import ocd

DEFAULT_PATH = Path(__file__).with_name("data") / "divisions.csv"
COLUMNS = ("id", "name", "level", "kind", "parent", "codes", "aliases", "counties")
LEVELS = frozenset({"country", "state", "county", "place"})
_NO_CODES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Division:
    id: str
    name: str
    level: str
    kind: str
    parent: str | None
    codes: Mapping[str, str] = field(default_factory=lambda: _NO_CODES, hash=False)
    aliases: tuple[str, ...] = ()
    # Places only: county ids, the one holding the place's centre first.
    counties: tuple[str, ...] = ()


def to_row(division: Division) -> list[str]:
    """The CSV row for a division (the inverse of the parsing in load_registry)."""
    codes = ";".join(f"{key}={value}" for key, value in division.codes.items())
    return [
        division.id,
        division.name,
        division.level,
        division.kind,
        division.parent or "",
        codes,
        ";".join(division.aliases),
        ";".join(division.counties),
    ]


class Registry:
    """Divisions by id, with parent/child links and code look-ups."""

    def __init__(self, divisions: list[Division]):
        self._by_id: dict[str, Division] = {d.id: d for d in divisions}
        self._children: dict[str, list[str]] = {}
        self._by_code: dict[tuple[str, str], str] = {}
        for division in divisions:
            if division.parent is not None:
                self._children.setdefault(division.parent, []).append(division.id)
            for key, value in division.codes.items():
                self._by_code[key, value.upper()] = division.id

    def get(self, division_id: str) -> Division | None:
        return self._by_id.get(division_id)

    def __contains__(self, division_id: object) -> bool:
        return division_id in self._by_id

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def chain(self, division_id: str) -> list[Division]:
        """Enclosing divisions, country first, ending with the division itself.

        A place goes through its first county (the one holding its centre), if any.
        """
        division = self._by_id[division_id]
        if division.counties:
            return [*self.chain(division.counties[0]), division]
        if division.parent is None:
            return [division]
        return [*self.chain(division.parent), division]

    def children(self, division_id: str) -> list[Division]:
        """Divisions whose parent is this one (a state's counties and places)."""
        return [self._by_id[child] for child in self._children.get(division_id, ())]

    def by_code(self, kind: str, value: str) -> Division | None:
        """Look up by a code, e.g. by_code("fips", "12115"), by_code("postal", "FL")."""
        division_id = self._by_code.get((kind, value.upper()))
        return None if division_id is None else self._by_id[division_id]


class _RowReader:
    """Parses rows into Divisions, sharing one copy of each repeated string."""

    def __init__(self, source: str):
        self.source = source
        self.seen: dict[str, Division] = {}

    def fail(self, line: int, problem: str) -> ValueError:
        return ValueError(f"{self.source}, line {line}: {problem}")

    def parse(self, line: int, row: list[str]) -> Division:
        if len(row) != len(COLUMNS):
            raise self.fail(line, f"expected {len(COLUMNS)} columns, found {len(row)}")
        division_id, name, level, kind, parent, codes, aliases, counties = row
        if not ocd.is_valid(division_id):
            raise self.fail(line, f"invalid id {division_id!r}")
        if division_id in self.seen:
            raise self.fail(line, f"duplicate id {division_id!r}")
        if level not in LEVELS:
            raise self.fail(line, f"unknown level {level!r}")
        if not name or not kind:
            raise self.fail(line, "name and kind are required")
        links = [parent] if parent else []
        links += counties.split(";") if counties else []
        for link in links:
            if not ocd.is_valid(link):
                raise self.fail(line, f"invalid parent or county id {link!r}")
        division = Division(
            division_id,
            name,
            sys.intern(level),
            sys.intern(kind),
            sys.intern(parent) if parent else None,
            self._codes(line, codes),
            tuple(aliases.split(";")) if aliases else (),
            tuple(sys.intern(c) for c in counties.split(";")) if counties else (),
        )
        # Intern the id so parent/county links share the same string object.
        self.seen[sys.intern(division_id)] = division
        return division

    def _codes(self, line: int, text: str) -> Mapping[str, str]:
        if not text:
            return _NO_CODES
        codes = {}
        for pair in text.split(";"):
            key, sep, value = pair.partition("=")
            if not sep or not key or not value:
                raise self.fail(line, f"codes must be key=value, got {pair!r}")
            codes[sys.intern(key)] = value
        return MappingProxyType(codes)


def _check_links(reader: _RowReader, lines: dict[str, int]) -> None:
    for division in reader.seen.values():
        for link in (division.parent, *division.counties):
            if link is not None and link not in reader.seen:
                raise reader.fail(lines[division.id], f"{link!r} is not in the registry")


def read_divisions(path: Path | str) -> list[Division]:
    """Parse and check a divisions CSV; a bad row raises ValueError naming its line."""
    reader = _RowReader(str(path))
    lines: dict[str, int] = {}
    divisions = []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header is None or tuple(header) != COLUMNS:
            raise reader.fail(1, f"header must be {','.join(COLUMNS)}")
        for row in rows:
            division = reader.parse(rows.line_num, row)
            lines[division.id] = rows.line_num
            divisions.append(division)
    _check_links(reader, lines)
    return divisions


def load_registry(path: Path | str | None = None) -> Registry:
    """The registry from a CSV file; the committed file's registry is loaded once."""
    if path is None:
        return _default_registry()
    return Registry(read_divisions(path))


@cache
def _default_registry() -> Registry:
    return Registry(read_divisions(DEFAULT_PATH))
