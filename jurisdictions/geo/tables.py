"""The places and ZIP tables from data/geo/ (gzipped TSV), loaded once per process.

Places are GeoNames cities (CC BY 4.0): every US place of 500 people or more and every other
city of 15,000 or more. ZIPs are every code in the `zipcodes` package (MIT). See the README
beside the data for columns, sources and gaps.
"""

from __future__ import annotations

import csv
import gzip
import math
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from . import DATA_DIR

LIST_SEPARATOR = "|"


class Place(NamedTuple):
    geonameid: int
    name: str
    ascii_name: str
    alt_names: tuple[str, ...]  # a few other spellings: endonyms, exonyms, folded forms
    country: str  # ISO 3166-1 alpha-2 as GeoNames has it (PR, GU, ... for US territories)
    admin1: str  # GeoNames admin1 code (not ISO)
    iso3166_2: str | None  # first-level subdivision, where the admin1 code could be mapped
    state: str | None  # US postal code, for US and territory places
    county_fips: str | None  # county holding the point (US and territories)
    lat: float
    lon: float
    population: int
    feature_code: str | None  # GeoNames PPL, PPLA, PPLA2, PPLC, PPLX, ...


class Zip(NamedTuple):
    zip: str
    lat: float | None  # None for military (APO/FPO) codes, which have no location
    lon: float | None
    city: str  # postal city
    state: str  # USPS state code (also AA, AE, AP, FM, MH, PW)
    zip_type: str  # STANDARD, PO BOX, UNIQUE, MILITARY
    county_fips: str | None  # from zipcodes' county name
    centroid_fips: str | None  # county holding the ZIP's point
    other_counties: tuple[str, ...]  # other counties the ZIP plausibly reaches


PLACE_COLUMNS = Place._fields
ZIP_COLUMNS = Zip._fields


def to_cells(record: tuple) -> list[str]:
    """A record as TSV cells: None -> '', tuples joined with '|' (the build writes these)."""
    cells = []
    for value in record:
        if value is None:
            cells.append("")
        elif isinstance(value, tuple):
            cells.append(LIST_SEPARATOR.join(value))
        else:
            cells.append(str(value))
    return cells


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = tuple(next(rows, ()))
        if header != columns:
            raise ValueError(f"{path}: header must be {columns}, found {header}")
        yield from rows


def _text(cell: str) -> str | None:
    return sys.intern(cell) if cell else None


def _list(cell: str) -> tuple[str, ...]:
    return tuple(sys.intern(v) for v in cell.split(LIST_SEPARATOR)) if cell else ()


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _place_values(row: list[str]) -> tuple:
    """A place's values with its other names still joined by '|' (as Places stores them)."""
    gid, name, ascii_name, alts, country, admin1, iso, state, county, lat, lon, pop, code = row
    return (
        int(gid),
        name,
        name if ascii_name == name else ascii_name,
        alts,
        sys.intern(country),
        sys.intern(admin1),
        _text(iso),
        _text(state),
        _text(county),
        float(lat),
        float(lon),
        int(pop),
        _text(code),
    )


def parse_zip(row: list[str]) -> Zip:
    code, lat, lon, city, state, kind, county, centroid, others = row
    return Zip(
        code,
        _float(lat),
        _float(lon),
        sys.intern(city),
        sys.intern(state),
        sys.intern(kind),
        _text(county),
        _text(centroid),
        _list(others),
    )


class Table(Sequence):
    """A table kept as columns (numbers in arrays, repeated text interned), so tens of
    thousands of rows cost a few MB; a row becomes a record (a NamedTuple) when asked for."""

    def __init__(self, kind: type, rows: Iterator[tuple]):
        self.kind = kind
        columns: list[list] = [[] for _ in kind._fields]
        for row in rows:
            for column, value in zip(columns, row, strict=True):
                column.append(value)
        self._columns = [_compact(column) for column in columns]

    def __len__(self) -> int:
        return len(self._columns[0])

    def __getitem__(self, index: int):
        values = [column[index] for column in self._columns]
        return self.kind(*(None if v != v else v for v in values))  # NaN stood for None

    def column(self, name: str):
        return self._columns[self.kind._fields.index(name)]

    @property
    def records(self) -> tuple:
        """Every row as a record (built on each call: iterate the table itself when you can)."""
        return tuple(self)


def _compact(column: list):
    if column and all(isinstance(v, int) for v in column):
        return array("q", column)
    if column and all(isinstance(v, float) or v is None for v in column):
        return array("d", (math.nan if v is None else v for v in column))
    return column


class Places(Table):
    """Places; each place's other names are kept as one string until a record is made."""

    def __init__(self, rows: Iterator[tuple]):
        """`rows` hold each place's other names joined by '|', as in the file."""
        super().__init__(Place, rows)

    def __getitem__(self, index: int) -> Place:
        place = super().__getitem__(index)
        return place._replace(alt_names=_list(place.alt_names))

    def other_names(self, index: int) -> tuple[str, ...]:
        alts = self.column("alt_names")[index]
        return tuple(alts.split(LIST_SEPARATOR)) if alts else ()

    @cached_property
    def by_id(self) -> Mapping[int, Place]:
        return MappingProxyType({p.geonameid: p for p in self})


class Zips(Table):
    """ZIP records, looked up by code through the sorted code column (no dictionary)."""

    def __init__(self, rows: Iterator[Zip]):
        super().__init__(Zip, sorted(rows))
        self.by_zip = _ZipIndex(self)


class _ZipIndex(Mapping):
    def __init__(self, table: Zips):
        self._table = table
        self._codes = table.column("zip")

    def __getitem__(self, code: str) -> Zip:
        at = bisect_left(self._codes, code)
        if at == len(self._codes) or self._codes[at] != code:
            raise KeyError(code)
        return self._table[at]

    def __iter__(self):
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def read_places(path: Path) -> Places:
    return Places(_place_values(row) for row in read_rows(path, PLACE_COLUMNS))


def read_zips(path: Path) -> Zips:
    return Zips(parse_zip(row) for row in read_rows(path, ZIP_COLUMNS))


@cache
def load_places(directory: Path = DATA_DIR) -> Places:
    return read_places(directory / "places.tsv.gz")


@cache
def load_zips(directory: Path = DATA_DIR) -> Zips:
    return read_zips(directory / "zips.tsv.gz")
