"""Build bench/geo_eval.csv: sampled queries whose expected answers come from a source the
resolver does not use to answer them.

- us_zip: ZIP codes; expected county = the `zipcodes` package's own county label (the resolver
  answers with the county holding the ZIP's centre, from the us-atlas polygons).
- us_point: ZIP centres as points; expected = the same label (polygons decide the answer).
- us_text: "City, ST" for postal cities whose ZIPs all carry one county label (the resolver
  answers from GeoNames points placed in polygons).
- intl_point: GeoNames cities of 100,000 or more as points; expected = GeoNames' country code
  (the resolver answers from Natural Earth polygons).
- intl_text: "City, Country" for the same cities; expected = the country.

Hand-checked cases (border lines, nicknames, typos, ambiguous names) are in bench/geo_cases.csv.

    python bench/build_geo_eval.py   # needs the `zipcodes` package (requirements-geo-build.txt)
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jurisdictions.geo.tables import load_places  # noqa: E402
from jurisdictions.registry import load_registry  # noqa: E402
from jurisdictions.resolve.names import name_key  # noqa: E402

SEED = 20261125
PER_KIND = 150
OUT = ROOT / "bench" / "geo_eval.csv"


def county_id(registry, state: str, label: str) -> str | None:
    """The registry id of a `zipcodes` county label such as 'Sarasota County' or 'Richmond city'."""
    state_div = registry.by_code("postal", state)
    if state_div is None:
        return None
    wanted = name_key(label)
    for division in registry.children(state_div.id):
        if division.level in ("county", "place") and division.codes.get("fips"):
            names = [division.name, *division.aliases]
            if wanted in {name_key(n) for n in names}:
                return division.id
    return None


def zip_rows(registry, rng) -> list[list[str]]:
    import zipcodes

    standard = [z for z in zipcodes.list_all() if z["zip_code_type"] == "STANDARD" and z["active"]]
    rows = []
    for record in rng.sample(standard, PER_KIND * 2):
        expected = county_id(registry, record["state"], record["county"] or "")
        if expected is None:
            continue
        rows.append(["us_zip", record["zip_code"], expected, record["city"]])
        rows.append(["us_point", f"{record['lat']},{record['long']}", expected, record["zip_code"]])
    return rows


def city_rows(registry, rng) -> list[list[str]]:
    import zipcodes

    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[tuple[str, str], str] = {}
    for record in zipcodes.list_all():
        if record["zip_code_type"] != "STANDARD" or not record["county"]:
            continue
        key = (record["state"], name_key(record["city"]))
        labels[key].add(record["county"])
        names[key] = record["city"]
    single = sorted(k for k, v in labels.items() if len(v) == 1)
    rows = []
    for state, key in rng.sample(single, PER_KIND * 2):
        expected = county_id(registry, state, next(iter(labels[state, key])))
        if expected is not None:
            rows.append(
                ["us_text", f"{names[state, key].title()}, {state}", expected, "postal city"]
            )
    return rows[:PER_KIND]


def world_rows(registry, rng) -> list[list[str]]:
    us_like = {"US", "PR", "GU", "VI", "AS", "MP", "UM"}
    cities = [
        p
        for p in load_places().records
        if p.population >= 100_000 and p.country not in us_like and "," not in p.name
    ]
    rows = []
    for place in rng.sample(cities, PER_KIND):
        country = registry.by_code("iso3166_1", place.country)
        if country is None:
            continue
        rows.append(["intl_point", f"{place.lat},{place.lon}", country.id, place.name])
        rows.append(["intl_text", f"{place.name}, {country.name}", country.id, "city, country"])
    return rows


def main() -> None:
    registry = load_registry()
    rng = random.Random(SEED)
    rows = zip_rows(registry, rng)
    rows = [r for r in rows if r[0] == "us_zip"][:PER_KIND] + [
        r for r in rows if r[0] == "us_point"
    ][:PER_KIND]
    rows += city_rows(registry, rng) + world_rows(registry, rng)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "query", "expect", "note"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} queries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
