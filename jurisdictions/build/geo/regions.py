"""TopoJSON rings to shapely regions in [-180, 180], across the 180th meridian and the poles."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from jurisdictions.geo.points import KM_PER_DEGREE
from jurisdictions.geo.topojson import Polygon as RingList
from jurisdictions.geo.topojson import Ring

EMPTY = MultiPolygon()
# world-atlas closes Antarctica with a ring that hugs the pole at -89.999 degrees; a ring
# circling a pole within this many degrees of latitude is that artefact and is dropped.
POLE_RING_SPAN = 0.01


def flat_polygons(geometry: shapely.Geometry) -> list[Polygon]:
    """Every non-empty polygon in a geometry, however deeply collections nest."""
    if geometry.geom_type == "Polygon":
        return [] if geometry.is_empty else [geometry]
    if geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in shapely.get_parts(geometry) for p in flat_polygons(part)]
    return []


def polygonal(geometry: shapely.Geometry) -> MultiPolygon:
    """The valid polygons in a geometry (make_valid and clipping can leave lines, points)."""
    parts = [q for p in flat_polygons(geometry) for q in flat_polygons(shapely.make_valid(p))]
    parts = [p for p in parts if p.area > 0]
    return MultiPolygon(parts) if parts else EMPTY


def unwrap_ring(ring: Ring) -> tuple[Ring, float]:
    """The ring with continuous longitudes, and its net shift (+-360 if it circles a pole).

    world-atlas stitches Fiji, Russia and Antarctica across +-180, so a ring can step from
    179.9 to -179.9; read literally that edge runs the wrong way round the globe.
    """
    shift = 0.0
    out = [ring[0]]
    for (x0, _), (x1, y1) in pairwise(ring):
        if x1 - x0 > 180:
            shift -= 360
        elif x1 - x0 < -180:
            shift += 360
        out.append((x1 + shift, y1))
    return out, shift


def fold_longitudes(geometry: shapely.Geometry) -> MultiPolygon:
    """Cut a polygon that runs past +-180 into pieces, each moved back into [-180, 180]."""
    if geometry.is_empty:
        return EMPTY
    west, _, east, _ = geometry.bounds
    pieces = []
    for turn in range(math.ceil((west - 180) / 360), math.floor((east + 180) / 360) + 1):
        offset = 360.0 * turn
        piece = shapely.clip_by_rect(geometry, offset - 180, -90, offset + 180, 90)
        pieces.append(shapely.affinity.translate(polygonal(piece), xoff=-offset))
    return polygonal(shapely.union_all(pieces))


def ring_region(ring: Ring) -> MultiPolygon:
    """The area a ring bounds, in [-180, 180]; a ring circling a pole bounds a polar cap."""
    if len(ring) < 4:
        return EMPTY  # quantization collapsed it to a point or a line
    coords, shift = unwrap_ring(ring)
    if shift:
        lats = [y for _, y in coords]
        if max(lats) - min(lats) < POLE_RING_SPAN:
            return EMPTY
        pole = -90.0 if sum(lats) < 0 else 90.0
        coords = [*coords, (coords[-1][0], pole), (coords[0][0], pole)]
    return fold_longitudes(polygonal(Polygon(coords)))


def polygon_region(rings: RingList) -> MultiPolygon:
    """A polygon's area: the symmetric difference of its rings' areas.

    For an ordinary polygon this is the exterior less its holes; it also gives the right
    answer when the exterior is the pole-hugging artefact and the coast is a "hole".
    """
    region = EMPTY
    for ring in rings:
        region = shapely.symmetric_difference(region, ring_region(ring))
    return polygonal(region)


def feature_region(polygons: list[RingList]) -> MultiPolygon:
    return polygonal(shapely.union_all([polygon_region(p) for p in polygons]))


def disc(lat: float, lon: float, km: float, sides: int = 32) -> Polygon:
    """A small circle as a lon/lat polygon (good for radii of a few kilometres)."""
    dlat = km / KM_PER_DEGREE
    dlon = dlat / math.cos(math.radians(lat))
    angles = np.linspace(0, 2 * math.pi, sides, endpoint=False)
    return Polygon(zip(lon + dlon * np.cos(angles), lat + dlat * np.sin(angles), strict=True))
