"""Regenerate jurisdictions/data/geo/maps.json: the shapes of the two status maps.

    python -m jurisdictions.build.build_maps

Reads the bundled boundaries (counties.wkb, countries.wkb): US states are their counties
dissolved, projected with a composite Albers (Alaska, Hawaii, Puerto Rico and the Virgin
Islands as insets); countries use Equal Earth, without Antarctica. Shapes are simplified in
screen units, islands smaller than MIN_AREA dropped (a shape keeps at least its largest part),
and written as SVG path data with whole-unit relative coordinates, keyed by division id.
A division too small to draw is written as a small diamond at its centre.

Each layer also has `centres` (a point inside each shape, where a mark about the whole shape
goes) and the US layer `marks`: a point for every county (inside it) and every US place of
the registry (inside its bundled city limits, else where the offline resolver puts it), so the
home page can mark the counties and cities with law of their own.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely

from jurisdictions.geo import DATA_DIR
from jurisdictions.geo.limits import city_limits
from jurisdictions.geo.points import read_layer
from jurisdictions.registry import Division, Registry, load_registry
from jurisdictions.resolve.offline import offline_resolver

from . import projections

TOLERANCE = 1.2  # screen units (the maps are about 960 units wide)
MIN_AREA = 6.0  # square screen units
US_MAP_STATES = {"72": "US-PR", "78": "US-VI"}  # territories drawn on the US map, by FIPS
SKIPPED_COUNTRIES = {"AQ"}
# Lon/lat boxes that trim insets as d3's geoAlbersUsa does: the Aleutians west of 180 degrees
# and the Northwestern Hawaiian Islands would stretch the map for a few specks.
US_CLIP = {"02": (-180, 50, -129, 72), "15": (-161, 18, -154, 23)}


def dissolve(layer, key_of) -> dict[str, shapely.Geometry]:
    """Union of the layer's parts grouped by key_of(part key); None keys are left out."""
    groups = defaultdict(list)
    for part, owner in zip(layer.parts, layer.owners, strict=True):
        key = key_of(layer.keys[owner])
        if key is not None:
            groups[key].append(part)
    return {key: shapely.union_all(parts) for key, parts in groups.items()}


def projected(geometry: shapely.Geometry, project) -> shapely.Geometry:
    def transform(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(project(coords[:, 0], coords[:, 1]))

    return shapely.transform(geometry, transform)


def ring_path(ring: shapely.LinearRing) -> str:
    points = np.rint(np.asarray(ring.coords)[:-1]).astype(int)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) < 3:
        return ""
    deltas = np.diff(points, axis=0).ravel().tolist()
    moves = " ".join(str(v) for v in deltas).replace(" -", "-")
    return f"M{points[0][0]} {points[0][1]}l{moves}z".replace(" -", "-")


def diamond(geometry: shapely.Geometry) -> str:
    point = geometry.representative_point()
    x, y = round(point.x), round(point.y)
    return f"M{x} {y - 3}l3 3-3 3-3-3z"


def shape_path(geometry: shapely.Geometry) -> str:
    simple = shapely.simplify(geometry, TOLERANCE, preserve_topology=True)
    parts = sorted(shapely.get_parts(simple), key=lambda p: p.area, reverse=True)
    kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= MIN_AREA]
    rings = [ring_path(r) for p in kept for r in (p.exterior, *p.interiors)]
    path = "".join(rings)
    return path or diamond(geometry)


def us_shapes(registry: Registry) -> dict[str, shapely.Geometry]:
    def division_of(fips: str):
        if fips[:2] in US_MAP_STATES:
            return registry.by_code("iso3166_2", US_MAP_STATES[fips[:2]])
        division = registry.by_code("fips", fips[:2])
        return division if division is not None and division.kind != "territory" else None

    states = dissolve(read_layer(DATA_DIR, "counties"), lambda fips: fips[:2])
    shapes = {}
    for fips, geometry in states.items():
        if (division := division_of(fips)) is not None:
            if fips in US_CLIP:
                geometry = shapely.clip_by_rect(geometry, *US_CLIP[fips])
            shapes[division.id] = projected(geometry, projections.us_project(fips))
    return shapes


def world_shapes(registry: Registry) -> dict[str, shapely.Geometry]:
    countries = dissolve(
        read_layer(DATA_DIR, "countries"), lambda k: None if k in SKIPPED_COUNTRIES else k
    )
    shapes = {}
    for code, geometry in countries.items():
        division = registry.by_code("iso3166_1", code)
        key = division.id if division is not None else f"iso:{code}"
        shapes[key] = projected(geometry, projections.equal_earth)
    return shapes


def centre(geometry: shapely.Geometry) -> list[int]:
    point = geometry.representative_point()
    return [round(point.x), round(point.y)]


def _fips_of_state(registry: Registry, division: Division) -> str | None:
    state = registry.get(division.parent) if division.parent else None
    return (state.codes.get("fips") if state else None) or None


def _place_point(registry: Registry, place: Division) -> tuple[float, float] | None:
    """A point inside the place: in its bundled limits, else where the resolver puts it."""
    limits = city_limits()
    municipality = limits.by_division.get(place.id)
    if municipality is not None:
        layer = limits.layer
        parts = layer.parts[layer.owners == layer.position[municipality.geoid]]
        point = shapely.union_all(parts).representative_point()
        return point.x, point.y
    for text in (*place.aliases, place.name):
        found = offline_resolver().resolve(text)
        for option in (found, *getattr(found, "candidates", ())):
            chain = getattr(option, "chain", ())
            if chain and chain[-1].id == place.id and option.lat is not None:
                return option.lon, option.lat
    return None


def us_marks(registry: Registry, drawn: set[str]) -> dict[str, list[int]]:
    """A point per county and per registry place of the states and territories the US map
    draws (`drawn`), projected like the map."""
    marks = {}
    for fips, geometry in dissolve(read_layer(DATA_DIR, "counties"), lambda k: k).items():
        county = registry.by_code("fips", fips)  # independent cities are county-equivalents
        if county is not None and county.level in ("county", "place") and county.parent in drawn:
            marks[county.id] = centre(projected(geometry, projections.us_project(fips[:2])))
    for division in registry:
        us_place = division.level == "place" and division.parent in drawn
        if not us_place or division.id in marks:
            continue
        state_fips, point = _fips_of_state(registry, division), _place_point(registry, division)
        if state_fips and point:
            x, y = projections.us_project(state_fips)(np.array([point[0]]), np.array([point[1]]))
            marks[division.id] = [round(float(x[0])), round(float(y[0]))]
        elif division.counties and division.counties[0] in marks:
            marks[division.id] = marks[division.counties[0]]  # placed at its county
    return dict(sorted(marks.items()))


def view_box(shapes: dict[str, shapely.Geometry]) -> list[int]:
    west, north, east, south = shapely.total_bounds(list(shapes.values()))
    x, y = int(west) - 2, int(north) - 2
    return [x, y, int(east) + 3 - x, int(south) + 3 - y]


def build(output: Path) -> dict:
    registry = load_registry()
    maps = {}
    for name, shapes in (("us", us_shapes(registry)), ("world", world_shapes(registry))):
        paths = {key: shape_path(shapes[key]) for key in sorted(shapes)}
        centres = {key: centre(shapes[key]) for key in sorted(shapes)}
        maps[name] = {"view_box": view_box(shapes), "shapes": paths, "centres": centres}
    maps["us"]["marks"] = us_marks(registry, set(maps["us"]["shapes"]))
    output.write_text(json.dumps(maps, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return maps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DATA_DIR / "maps.json")
    args = parser.parse_args()
    maps = build(args.output)
    for name, layer in maps.items():
        size = sum(len(d) for d in layer["shapes"].values())
        print(f"{name}: {len(layer['shapes'])} shapes, {size:,} bytes of path data")


if __name__ == "__main__":
    main()
