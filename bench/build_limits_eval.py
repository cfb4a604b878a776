"""Build bench/geo_limits_eval.csv: points inside and just outside city limits, with expected
answers from the Census's unsimplified limits (the resolver answers from simplified ones).

- For every place with law that is a Census place: points inside its limits (expected: the
  place in the chain, incorporated) and points outside them within 2 km (expected: the place
  not in the chain, unless another place with law holds the point).
- For every incorporated place of a county whose ordinance reaches only unincorporated land:
  one point inside (expected: incorporated) and one outside within 2 km (expected: not
  incorporated when no other incorporated place holds it and the point's county is one of
  those counties; otherwise not judged on that).

Expectations are written as tokens joined by "&", each of which must hold: a division id
(in the chain), "!" and an id (not in the chain), "incorporated:true|false".

    python bench/build_limits_eval.py --census-dir DIR   # a copy of the Census places source
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jurisdictions.build.geo.census_places import read_census_places  # noqa: E402
from jurisdictions.build.geo.limits import law_places, scoped_counties, state_postals  # noqa: E402
from jurisdictions.geo.points import KM_PER_DEGREE, locate  # noqa: E402
from jurisdictions.registry import load_registry  # noqa: E402

SEED = 20261130
LAW_POINTS = 3  # inside and as many outside, per place with law
OUTSIDE_KM = 2.0
OUT = ROOT / "bench" / "geo_limits_eval.csv"


def sample(rng, geometry, inside: bool, tries: int = 5000):
    """A random point inside the geometry, or outside it within OUTSIDE_KM."""
    west, south, east, north = geometry.bounds
    lat0 = (south + north) / 2
    dlat = OUTSIDE_KM / KM_PER_DEGREE
    dlon = dlat / math.cos(math.radians(lat0))
    if not inside:
        west, south, east, north = west - dlon, south - dlat, east + dlon, north + dlat
    for _ in range(tries):
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        point = shapely.Point(lon, lat)
        if geometry.covers(point) == inside and (inside or _km(geometry, lat, lon) <= OUTSIDE_KM):
            return round(lat, 6), round(lon, 6)
    return None


def _km(geometry, lat: float, lon: float) -> float:
    scale = math.cos(math.radians(lat))
    local = shapely.affinity.scale(geometry, xfact=scale, yfact=1.0, origin=(lon, lat))
    return shapely.distance(local, shapely.Point(lon, lat)) * KM_PER_DEGREE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--census-dir", type=Path, required=True)
    args = parser.parse_args()
    registry = load_registry()
    places = read_census_places(args.census_dir, state_postals(registry))
    by_geoid = {p.geoid: p for p in places}
    law = law_places(by_geoid, registry)
    law_shapes = [(by_geoid[g].geometry, division_id) for g, division_id in law.items()]
    scoped = set(scoped_counties(registry))
    towns = [p for p in places if p.incorporated]
    tree = shapely.STRtree([p.geometry for p in towns])
    rng = random.Random(SEED)
    rows = []

    def incorporated_at(lat: float, lon: float) -> bool:
        point = shapely.Point(lon, lat)
        return any(towns[i].geometry.covers(point) for i in tree.query(point))

    for geoid, division_id in sorted(law.items()):
        place = by_geoid[geoid]
        for inside in (True, False):
            for _ in range(LAW_POINTS):
                found = sample(rng, place.geometry, inside)
                if found is None:
                    continue
                point = shapely.Point(found[1], found[0])
                holder = next((d for g, d in law_shapes if g.covers(point)), None)
                expect = [holder] if holder else [f"!{division_id}"]
                if holder:
                    expect.append("incorporated:true")
                side = "inside" if inside else "outside"
                rows.append(
                    (
                        "us_limits",
                        f"{found[0]},{found[1]}",
                        "&".join(expect),
                        f"{side} {place.label}",
                    )
                )
    for place in towns:
        hit = locate(*_inside_point(place))
        if hit.county_fips not in scoped or place.geoid in law:
            continue
        for inside in (True, False):
            found = sample(rng, place.geometry, inside)
            if found is None:
                continue
            county = locate(*found).county_fips
            if inside or incorporated_at(*found):
                expect = "incorporated:true"
            elif county in scoped:
                expect = "incorporated:false"
            else:
                continue
            side = "inside" if inside else "outside"
            rows.append(("us_limits", f"{found[0]},{found[1]}", expect, f"{side} {place.label}"))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("kind", "query", "expect", "note"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} points to {OUT}")


def _inside_point(place) -> tuple[float, float]:
    point = place.geometry.representative_point()
    return point.y, point.x


if __name__ == "__main__":
    main()
