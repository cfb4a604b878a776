"""Name indexes over the division registry and the GeoNames places table, built once.

Every key goes through `names.name_key`, so look-ups ignore case, accents, punctuation and the
usual abbreviations. Exact look-ups are dictionary hits; fuzzy matching (for typos) runs only
on a miss and only over a scope small enough to be fast (one state's places, say).
"""

from __future__ import annotations

from collections import defaultdict

from jurisdictions.registry import Division, Registry

from .fuzzy import COUNTRY_CUTOFF, FuzzyIndex
from .names import name_key, strip_county_word

US = "ocd-division/country:us"
BIG_PLACE = 100_000  # bare names are fuzzy-matched against places at least this large


def _index(pairs) -> dict:
    """key -> values in first-seen order, each value once per key (a value's pairs come
    together, so a repeat is always the last one added)."""
    table: dict = defaultdict(list)
    for key, value in pairs:
        values = table[key]
        if key and (not values or values[-1] is not value):
            values.append(value)
    table.pop("", None)
    return dict(table)


def _names(division: Division) -> list[str]:
    return [division.name, *division.aliases]


def _subdivision_names(division: Division) -> list[str]:
    """Names, aliases and the code people write after a city: "BC", "NSW", "ON"."""
    code = division.codes.get("iso3166_2", "")
    return [*_names(division), code.partition("-")[2]]


# Building the indexes keys ~100,000 distinct names once: bypass the query-time cache.
_bulk_key = name_key.__wrapped__


def is_country(division: Division) -> bool:
    # US territories are states here but countries in ISO 3166-1: "Puerto Rico" names both.
    return division.level == "country" or "iso3166_1" in division.codes


class Gazetteer:
    def __init__(self, registry: Registry, places):
        self.registry = registry
        divisions = list(registry)
        self.countries = _index(
            (_bulk_key(n), d) for d in divisions if is_country(d) for n in _names(d)
        )
        self.subdivisions = _index(
            (_bulk_key(n), d)
            for d in divisions
            if d.level == "state"
            for n in _subdivision_names(d)
        )
        self.counties = self._county_index(divisions)
        self.local_laws = _index(
            ((d.parent, _bulk_key(n)), d)
            for d in divisions
            if d.level == "place"
            for n in _names(d)
        )
        self.table = places
        self._country = places.column("country")
        self._iso = places.column("iso3166_2")
        self._population = places.column("population")
        self.places = self._row_index(places)
        self.typos = FuzzyIndex(self._fuzzy_scopes())
        self.largest = self._largest_places()
        self._law_points = self._locate_law_places(divisions)

    def _fuzzy_scopes(self) -> dict:
        """The names the resolver may have to correct a typo in, by where they were typed."""
        scopes: dict = defaultdict(list)
        scopes["areas"] = [*self.countries, *self.subdivisions]
        scopes["countries"] = list(self.countries)
        scopes["subdivisions"] = list(self.subdivisions)
        for state, table in self.counties.items():
            scopes["counties", state] = list(table)
            scopes["state", self.registry.get(state).codes.get("iso3166_2")] += table
        country, iso, population = self._country, self._iso, self._population
        big = scopes["big"]
        for key, rows in self.places.items():
            if population[rows[0]] >= BIG_PLACE:
                big.append(key)
            for row in rows:
                code = country[row]
                scopes[("state", iso[row]) if code == "US" else ("places", code)].append(key)
        return scopes

    def fuzzy_area(self, key: str) -> str | None:
        """A misspelt country or first-level subdivision; countries, being few and far apart
        in spelling, forgive a little more ("Frnace")."""
        return self.typos.best(key, "areas") or self.typos.best(key, "countries", COUNTRY_CUTOFF)

    def _largest_places(self) -> dict[str, int]:
        """First-level subdivision code -> row of its most populous place."""
        largest: dict[str, int] = {}
        for row, code in enumerate(self._iso):
            if code and self._population[row] > self._population[largest.setdefault(code, row)]:
                largest[code] = row
        return largest

    def _county_index(self, divisions) -> dict[str, dict[str, list[Division]]]:
        by_state: dict[str, list] = defaultdict(list)
        for division in divisions:
            if division.level != "county" and division.kind != "independent_city":
                continue
            for name in _names(division):
                full = _bulk_key(name)
                by_state[division.parent].append((full, division))
                by_state[division.parent].append((strip_county_word(full)[0], division))
        return {state: _index(pairs) for state, pairs in by_state.items()}

    def _locate_law_places(self, divisions) -> dict[str, tuple[float, float]]:
        """A GeoNames point for each US place with law of its own, inside one of its counties."""
        points = {}
        for law in (d for d in divisions if d.level == "place" and d.counties):
            state_iso = self.registry.get(law.parent).codes.get("iso3166_2")
            for name in _names(law):
                found = [
                    p
                    for p in self.places_named(name_key(name), "US", state_iso)
                    if self.registry.by_code("fips", p.county_fips or "") is not None
                    and self.registry.by_code("fips", p.county_fips).id in law.counties
                ]
                if found:
                    points[law.id] = (found[0].lat, found[0].lon)
                    break
        return points

    def country(self, key: str) -> list[Division]:
        return self.countries.get(key, [])

    def subdivision(self, key: str, country: Division | None = None) -> list[Division]:
        found = self.subdivisions.get(key, [])
        if country is not None:
            prefix = country.id + "/"
            found = [d for d in found if d.id.startswith(prefix)]
        return found

    def county(self, key: str, state: Division) -> list[Division]:
        return self.counties.get(state.id, {}).get(key, [])

    def counties_named(self, key: str) -> list[Division]:
        return [d for table in self.counties.values() for d in table.get(key, [])]

    def local_law(self, key: str, state: Division) -> Division | None:
        found = self.local_laws.get((state.id, key), [])
        return found[0] if found else None

    def law_places_named(self, key: str) -> list[Division]:
        return [d for (_, k), found in self.local_laws.items() if k == key for d in found]

    def law_places_in(self, state: Division) -> list[Division]:
        return [d for (s, _), found in self.local_laws.items() if s == state.id for d in found]

    def point_of_law_place(self, law: Division) -> tuple[float, float] | None:
        return self._law_points.get(law.id)

    def _row_index(self, places) -> dict[str, tuple[int, ...]]:
        """name key -> rows of the places table, most populous first."""
        names, asciis = places.column("name"), places.column("ascii_name")
        rows: dict[str, list[int]] = defaultdict(list)
        for row in range(len(places)):
            spellings = {names[row], asciis[row], *places.other_names(row)}
            for key in {_bulk_key(n) for n in spellings}:
                rows[key].append(row)
        rows.pop("", None)
        population = self._population
        return {k: tuple(sorted(v, key=lambda r: -population[r])) for k, v in rows.items()}

    def places_named(self, key: str, country: str | None = None, subdivision: str | None = None):
        """Places with this name key (optionally within a country or subdivision), most
        populous first."""
        return [
            self.table[row]
            for row in self.places.get(key, ())
            if (not country or self._country[row] == country)
            and (not subdivision or self._iso[row] == subdivision)
        ]
