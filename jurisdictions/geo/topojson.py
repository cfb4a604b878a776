"""A small TopoJSON decoder: arcs to coordinate rings, objects to polygon features.

Covers what us-atlas and world-atlas use: quantized delta-encoded arcs (or absolute
arcs without a transform), Polygon and MultiPolygon geometries, null geometries.
Coordinates come back as (lon, lat) tuples, exactly as stored: no antimeridian handling.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # exterior first, then holes


class Feature(NamedTuple):
    id: str | None
    properties: dict
    polygons: list[Polygon]


def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute coordinates of every arc, undoing quantization and delta encoding."""
    transform = topology.get("transform")
    if transform is None:
        return [[(x, y) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch_ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """Join a ring's arcs; a negative index ~i means arc i reversed.

    Consecutive arcs share their joining point, so each arc after the first drops it.
    """
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def geometry_polygons(geometry: dict, arcs: list[Ring]) -> list[Polygon]:
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        parts = geometry["arcs"]
    elif kind is None:
        parts = []
    else:
        raise ValueError(f"unsupported TopoJSON geometry type {kind!r}")
    return [[stitch_ring(arcs, ring) for ring in polygon] for polygon in parts]


def features(topology: dict, name: str) -> Iterator[Feature]:
    """The polygon features of one named object (a GeometryCollection)."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"][name]["geometries"]:
        yield Feature(
            geometry.get("id"),
            geometry.get("properties", {}),
            geometry_polygons(geometry, arcs),
        )
