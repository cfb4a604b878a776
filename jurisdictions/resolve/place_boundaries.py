"""City limits for places with law of their own, where someone has bundled them as GeoJSON.

No offline package ships US city limits, so none are bundled yet. Drop a GeoJSON file (a
Feature, or a FeatureCollection whose features are the city's parts) at
`jurisdictions/data/geo/places/<law-file path>.geojson`, e.g.
`country-us/state-ca/place-oceanside.geojson`, and points inside it are placed in that city
exactly; points outside it are not.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from jurisdictions import ocd

PLACES_DIR = Path(__file__).parents[1] / "data" / "geo" / "places"


class PlaceBoundaries:
    def __init__(self, directory: Path = PLACES_DIR):
        self._shapes = {}
        for path in sorted(directory.rglob("*.geojson")) if directory.is_dir() else []:
            relative = path.relative_to(directory).with_suffix(".yaml").as_posix()
            self._shapes[ocd.id_for_path(relative)] = _read(path)

    def has(self, division_id: str) -> bool:
        return division_id in self._shapes

    def contains(self, division_id: str, lat: float, lon: float) -> bool:
        return bool(self._shapes[division_id].covers(shapely.Point(lon, lat)))


def _read(path: Path):
    try:
        data = json.loads(path.read_text())
        features = data["features"] if data.get("type") == "FeatureCollection" else [data]
        geometry = shapely.union_all([shape(f["geometry"]) for f in features])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a GeoJSON boundary ({exc})") from None
    geometry = shapely.make_valid(geometry)
    shapely.prepare(geometry)
    return geometry
