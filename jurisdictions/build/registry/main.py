"""Regenerate jurisdictions/data/divisions.csv from public data in registry packages.

Assembles countries, subdivisions, US states, counties and places, checks them together,
writes them sorted by id and reloads the file with the runtime loader.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from jurisdictions.registry import COLUMNS, DEFAULT_PATH, Division, read_divisions, to_row

from .atlas import fetch_atlas
from .checks import check
from .counties import counties
from .countries import countries, subdivisions
from .places import places
from .states import us_states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="local counties-10m.json (skips npm)")
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    atlas = json.loads(args.atlas.read_text()) if args.atlas else fetch_atlas()
    divisions = build(atlas)
    write(divisions, args.output)
    read_divisions(args.output)  # the runtime loader must accept what was written
    counts = Counter((d.level, d.kind) for d in divisions)
    for (level, kind), n in sorted(counts.items()):
        print(f"{level:8} {kind:40} {n}")
    print(f"wrote {len(divisions)} divisions to {args.output}")
    return 0


def build(atlas: dict) -> list[Division]:
    states = us_states()
    state_ids = {d.codes["fips"]: d.id for d in states}
    state_fips = {d.codes["postal"]: d.codes["fips"] for d in states}
    county_rows = counties(atlas, state_ids)
    by_fips = {d.codes["fips"]: d for d in county_rows}
    divisions = [
        *countries(),
        *subdivisions(),
        *states,
        *county_rows,
        *places(atlas, by_fips, state_fips),
    ]
    check(divisions, atlas)
    return sorted(divisions, key=lambda d: d.id)


def write(divisions: list[Division], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(to_row(d) for d in divisions)
