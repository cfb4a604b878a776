"""us-atlas's counties-10m.json: fetched from npm, and the county holding a point."""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from itertools import pairwise
from pathlib import Path

US_ATLAS = "us-atlas@3.0.1"


def fetch_atlas() -> dict:
    """counties-10m.json from the us-atlas npm package (npm verifies its integrity)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", "--silent", US_ATLAS], cwd=tmp, check=True, stdout=subprocess.DEVNULL
        )
        tarball = next(Path(tmp).glob("us-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            return json.load(archive.extractfile("package/counties-10m.json"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def contains(geometry: dict, arcs: list, lon: float, lat: float) -> bool:
    """Even-odd ray test over every edge of a (multi)polygon's rings."""
    rings = geometry["arcs"] if geometry["type"] == "Polygon" else sum(geometry["arcs"], [])
    inside = False
    for ring in rings:
        for index in ring:
            points = arcs[index if index >= 0 else ~index]
            for (x1, y1), (x2, y2) in pairwise(points):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def county_at(atlas: dict, arcs: list, state_fips: str, lon: float, lat: float) -> str | None:
    for geometry in atlas["objects"]["counties"]["geometries"]:
        if geometry["id"].startswith(state_fips) and contains(geometry, arcs, lon, lat):
            return geometry["id"]
    return None
