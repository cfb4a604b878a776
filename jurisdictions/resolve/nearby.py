"""Great-circle distances and the nearest GeoNames place to a point, within a group of places."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from jurisdictions.geo.tables import Place

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class NearestPlace:
    """Places grouped by a column (a county's FIPS, a country's code), searched with numpy."""

    def __init__(self, places, column: str):
        self._table = places
        groups: dict[str, list[int]] = defaultdict(list)
        for row, group in enumerate(places.column(column)):
            if group:
                groups[group].append(row)
        coords = np.radians(
            np.column_stack([np.asarray(places.column("lat")), np.asarray(places.column("lon"))])
        )
        self._groups = {
            group: (np.asarray(rows, dtype=np.int32), coords[rows])
            for group, rows in groups.items()
        }

    def find(self, group: str, lat: float, lon: float) -> tuple[Place, float] | None:
        """The nearest place of `group` to the point, with its distance in km."""
        found = self._groups.get(group)
        if found is None:
            return None
        rows, coords = found
        p1, l1 = math.radians(lat), math.radians(lon)
        dp = coords[:, 0] - p1
        dl = coords[:, 1] - l1
        a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(coords[:, 0]) * np.sin(dl / 2) ** 2
        best = int(np.argmin(a))
        place = self._table[int(rows[best])]
        return place, 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a[best])))
