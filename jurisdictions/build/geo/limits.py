"""City limits the resolver bundles, the places that mark state lines, and every place's name.

- `limits`: the whole limits of every place with law that is a Census place, and of every
  incorporated place reaching a county whose ordinance covers only unincorporated land
  (`jurisdictions/build/scoped_counties.csv`); simplified to TOLERANCE_M.
- `state_edges`: where any other Census place lies within STATE_EDGE_KM of another state's
  county, that part of it (simplified to EDGE_TOLERANCE_M): the bundled county lines are coarse
  (off by up to about 3 km along rivers), place limits never cross a state line.
- `census_places.tsv.gz`: every Census place's name keys, class and counties, so that a town
  named in text is known to be incorporated or not.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely

from jurisdictions.geo.points import KM_PER_DEGREE, Layer
from jurisdictions.registry import Registry
from jurisdictions.resolve.names import name_key

from .census_places import COMMIT, REPOSITORY, VINTAGE, CensusPlace
from .place_names import census_name_keys

BUILD_DIR = Path(__file__).parents[1]
PLACES_WITH_LAW = BUILD_DIR / "places_with_law.csv"
SCOPED_COUNTIES = BUILD_DIR / "scoped_counties.csv"
TOLERANCE_M = 20.0
EDGE_TOLERANCE_M = 50.0
STATE_EDGE_KM = 3.0
COUNTY_SHARE = 0.01  # a place reaches a county holding at least this share of its area
CENSUS_PLACE_COLUMNS = ("geoid", "state", "key", "census_class", "counties")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def scoped_counties(registry: Registry) -> list[str]:
    """FIPS codes of scoped_counties.csv, each checked against its division id."""
    found = []
    for row in read_csv(SCOPED_COUNTIES):
        division = registry.by_code("fips", row["fips"])
        if division is None or division.id != row["id"]:
            raise ValueError(f"{SCOPED_COUNTIES.name}: {row['fips']} is not {row['id']}")
        found.append(row["fips"])
    return sorted(found)


def state_postals(registry: Registry) -> dict[str, str]:
    """US state FIPS -> postal code."""
    return {
        d.codes["fips"]: d.codes["postal"]
        for d in registry
        if d.level == "state" and "fips" in d.codes and "postal" in d.codes
    }


def degrees(metres: float) -> float:
    """A tolerance in degrees that is never longer than `metres` on the ground."""
    return metres / (KM_PER_DEGREE * 1000)


def place_counties(place: CensusPlace, counties: Layer) -> tuple[str, ...]:
    """Counties holding at least COUNTY_SHARE of the place's area, largest share first."""
    candidates = counties.tree.query(place.geometry)
    if not len(candidates):
        return ()
    areas = shapely.area(shapely.intersection(counties.parts[candidates], place.geometry))
    shares: dict[str, float] = defaultdict(float)
    for index, area in zip(candidates, areas, strict=True):
        shares[counties.keys[counties.owners[index]]] += float(area)
    total = place.geometry.area or 1.0
    reached = [k for k, a in shares.items() if a >= COUNTY_SHARE * total]
    if not reached and shares:
        reached = [max(shares, key=shares.get)]
    return tuple(sorted(reached, key=lambda k: -shares[k]))


def near_other_state(place: CensusPlace, counties: Layer) -> shapely.Geometry | None:
    """The part of a place within STATE_EDGE_KM of another state's county, if any."""
    west, south, east, north = place.geometry.bounds
    lat = (south + north) / 2
    reach = STATE_EDGE_KM / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    candidates = counties.tree.query(
        shapely.box(west - reach, south - reach, east + reach, north + reach)
    )
    others = [
        counties.parts[i]
        for i in candidates
        if counties.keys[counties.owners[i]][:2] != place.state_fips
    ]
    if not others:
        return None
    zone = shapely.buffer(shapely.union_all(others), reach)
    clipped = shapely.intersection(place.geometry, zone)
    return None if clipped.is_empty else clipped


def simplified(geometry: shapely.Geometry, metres: float) -> shapely.Geometry:
    return shapely.make_valid(shapely.simplify(geometry, degrees(metres), preserve_topology=True))


def law_places(by_geoid: dict[str, CensusPlace], registry: Registry) -> dict[str, str]:
    """Census place code -> division id, for each place with law whose limits are known."""
    found = {}
    for row in read_csv(PLACES_WITH_LAW):
        if not row["census_geoid"]:
            continue
        place = by_geoid.get(row["census_geoid"])
        division = registry.get(row["id"])
        if place is None or division is None:
            raise ValueError(f"{PLACES_WITH_LAW.name}: {row['id']}: no place {row['census_geoid']}")
        if name_key(row["name"]) not in census_name_keys(place.name):
            raise ValueError(f"{row['id']}: census place {row['census_geoid']} is {place.label}")
        found[place.geoid] = division.id
    return found


def check_first_counties(
    law: dict[str, str], reach: dict[str, tuple[str, ...]], registry: Registry
) -> None:
    """The county listed first for a place with law (the one holding its centre) must be one
    its limits reach: the check for the few places GeoNames lacks, and a second for the rest."""
    for geoid, division_id in law.items():
        first = registry.get(registry.get(division_id).counties[0]).codes["fips"]
        if first not in reach[geoid]:
            raise ValueError(f"{division_id}: its Census limits ({geoid}) do not reach {first}")


class LimitsBuild:
    def __init__(self, places: list[CensusPlace], counties: Layer, registry: Registry):
        self.places = places
        self.counties = counties
        self.registry = registry
        self.by_geoid = {p.geoid: p for p in places}
        self.reach = {p.geoid: place_counties(p, counties) for p in places}
        self.scoped = scoped_counties(registry)
        self.law = law_places(self.by_geoid, registry)
        check_first_counties(self.law, self.reach, registry)

    def bundled(self) -> list[CensusPlace]:
        return [p for p in self.places if p.geoid in self.law or self._in_scoped_county(p)]

    def _in_scoped_county(self, place: CensusPlace) -> bool:
        """An incorporated place reaching a scoped county at all (a sliver counts: outside
        every bundled limits, a point of that county is taken to be unincorporated)."""
        if not place.incorporated or place.state_fips not in {f[:2] for f in self.scoped}:
            return False
        candidates = self.counties.tree.query(place.geometry)
        scoped = [
            i for i in candidates if self.counties.keys[self.counties.owners[i]] in self.scoped
        ]
        areas = shapely.area(shapely.intersection(self.counties.parts[scoped], place.geometry))
        return bool(len(scoped)) and float(np.max(areas)) > 0

    def write(self, output: Path, write_layer, write_table) -> None:
        bundled = self.bundled()
        limits = {p.geoid: simplified(p.geometry, TOLERANCE_M) for p in bundled}
        write_layer(output, "limits", limits)
        self._write_index(output / "limits.json", bundled)
        skip = set(limits)
        edges = {}
        for place in self.places:
            if place.geoid not in skip:
                part = near_other_state(place, self.counties)
                if part is not None:
                    edges[place.geoid] = simplified(part, EDGE_TOLERANCE_M)
        write_layer(output, "state_edges", edges)
        write_table(output / "census_places.tsv.gz", CENSUS_PLACE_COLUMNS, self._names())
        self._report(bundled, edges)

    def _write_index(self, path: Path, bundled: list[CensusPlace]) -> None:
        """Add each bundled place's label, class, counties and division id to the layer index."""
        index = json.loads(path.read_text(encoding="utf-8"))
        by_geoid = {p.geoid: p for p in bundled}
        index["places"] = [
            [
                by_geoid[k].name,
                by_geoid[k].label,
                by_geoid[k].census_class,
                ";".join(self.reach[k]),
                self.law.get(k, ""),
            ]
            for k in index["keys"]
        ]
        index["complete_counties"] = self.scoped
        index["tolerance_m"] = TOLERANCE_M
        index["source"] = f"US Census Bureau {VINTAGE}, via github.com/{REPOSITORY} at {COMMIT}"
        path.write_text(json.dumps(index, separators=(",", ":")) + "\n", encoding="utf-8")

    def _names(self):
        postal = state_postals(self.registry)
        for place in self.places:
            counties = ";".join(self.reach[place.geoid])
            for key in sorted(census_name_keys(place.name)):
                yield (place.geoid, postal[place.state_fips], key, place.census_class, counties)

    def _report(self, bundled: list[CensusPlace], edges: dict) -> None:
        print(f"limits: {len(bundled)} places ({len(self.law)} with law), {TOLERANCE_M:g} m")
        for fips in self.scoped:
            inside = [p.label for p in bundled if fips in self.reach[p.geoid] and p.incorporated]
            print(f"limits: {fips}: {len(inside)} incorporated places")
        inactive = [p.label for p in self.places if p.census_class == "C9"]
        print(f"limits: {len(inactive)} inactive incorporated places (C9) count as unincorporated")
        vertices = int(np.sum(shapely.get_num_coordinates(list(edges.values()))))
        print(f"state edges: {len(edges)} places near another state, {vertices} vertices")
