"""What is at a point: country and US county, from the derived boundaries in data/geo/.

    >>> locate(27.3364, -82.5307).county_fips
    '12115'

Boundaries load once per process (shapely STRtree over every polygon part, prepared for
fast point-in-polygon). Distances are great-circle kilometres, measured in an azimuthal
equidistant projection centred on the point, so they hold at any latitude and across the
180th meridian.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from numbers import Real
from pathlib import Path

import numpy as np
import shapely

from . import DATA_DIR

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
NEAR_KM = 1.0  # another division this close makes the answer "near a boundary"
COUNTY_SNAP_KM = 5.0  # a point in no county (water) takes the nearest one this close
COUNTRY_SNAP_KM = 20.0
# Countries (ISO alpha-2) whose land is divided into the us-atlas counties.
US_COUNTRIES = frozenset({"US", "PR", "GU", "VI", "AS", "MP"})
TERRITORY_BY_STATE_FIPS = {"60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI"}


@dataclass(frozen=True, slots=True)
class PointHit:
    country: str | None  # ISO 3166-1 alpha-2; US territories keep their own code
    county_fips: str | None  # 5-digit FIPS; US and US territories only
    nearby_counties: tuple[str, ...]  # other counties within NEAR_KM
    near_boundary: bool  # another county or country within NEAR_KM
    in_water: bool  # in no polygon: snapped to the nearest one within tolerance


def country_of_county(fips: str) -> str:
    return TERRITORY_BY_STATE_FIPS.get(fips[:2], "US")


# --- geodesy ----------------------------------------------------------------------------------


def search_boxes(lat: float, lon: float, km: float) -> list[tuple[tuple, float]]:
    """Lon/lat boxes covering every point within km, as (box, lon offset) pairs.

    A box that would cross the 180th meridian is split in two; the offset is what to add to
    the point's longitude to bring it into that box's frame.
    """
    dlat = km / KM_PER_DEGREE
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(south), abs(north))
    cos_widest = math.cos(math.radians(widest))
    dlon = km / (KM_PER_DEGREE * cos_widest) if cos_widest > 1e-9 else 360.0
    if dlon >= 180.0:
        return [((-180.0, south, 180.0, north), 0.0)]
    west, east = lon - dlon, lon + dlon
    boxes = [((max(west, -180.0), south, min(east, 180.0), north), 0.0)]
    if west < -180.0:
        boxes.append(((west + 360.0, south, 180.0, north), 360.0))
    if east > 180.0:
        boxes.append(((-180.0, south, east - 360.0, north), -360.0))
    return boxes


def degree_radius(lat: float, km: float) -> float | None:
    """A radius in degrees that surely reaches every point within km (None near a pole)."""
    widest = min(90.0, abs(lat) + km / KM_PER_DEGREE)
    cos_widest = math.cos(math.radians(widest))
    if cos_widest < 0.05:
        return None
    return 1.01 * (km / KM_PER_DEGREE) * math.sqrt(1.0 + 1.0 / cos_widest**2)


def azimuthal_projector(lat: float, lon: float):
    """Coordinates (lon, lat) -> km east/north in an azimuthal equidistant projection."""
    phi0, lam0 = math.radians(lat), math.radians(lon)
    sin0, cos0 = math.sin(phi0), math.cos(phi0)

    def project(coords: np.ndarray) -> np.ndarray:
        lam, phi = np.radians(coords[:, 0]), np.radians(coords[:, 1])
        dlam = lam - lam0
        hav = np.sin((phi - phi0) / 2) ** 2 + cos0 * np.cos(phi) * np.sin(dlam / 2) ** 2
        c = 2 * np.arcsin(np.sqrt(np.clip(hav, 0.0, 1.0)))
        scale = np.where(c > 1e-12, c / np.maximum(np.sin(c), 1e-300), 1.0) * EARTH_RADIUS_KM
        x = scale * np.cos(phi) * np.sin(dlam)
        y = scale * (cos0 * np.sin(phi) - sin0 * np.cos(phi) * np.cos(dlam))
        return np.column_stack([x, y])

    return project


_ORIGIN = shapely.Point(0.0, 0.0)


# --- a layer of named polygons -----------------------------------------------------------------


class Layer:
    """Named (multi)polygons, indexed part by part so envelopes stay tight."""

    def __init__(self, keys: Sequence[str], parts: np.ndarray, owners: np.ndarray):
        self.keys = tuple(keys)
        self.position = {key: index for index, key in enumerate(self.keys)}
        self.parts = parts
        self.owners = owners
        shapely.prepare(parts)
        self.tree = shapely.STRtree(parts)

    @classmethod
    def from_geometries(cls, named: Mapping[str, shapely.Geometry]) -> Layer:
        keys = sorted(named)
        parts, owners = shapely.get_parts([named[k] for k in keys], return_index=True)
        return cls(keys, parts, owners)

    def containing(self, lat: float, lon: float) -> list[str]:
        """Keys of the polygons holding the point (more than one only where they overlap)."""
        point = shapely.Point(lon, lat)
        candidates = self.tree.query(point)
        if len(candidates) == 0:
            return []
        hits = candidates[shapely.intersects(self.parts[candidates], point)]
        return sorted({self.keys[i] for i in self.owners[hits]})

    def within_km(self, lat: float, lon: float, km: float) -> dict[str, float]:
        """Keys of the polygons within km of the point, with their distance (0 inside)."""
        project = None
        found: dict[str, float] = {}
        radius = degree_radius(lat, km)
        for box, offset in search_boxes(lat, lon, km):
            candidates = self.tree.query(shapely.box(*box))
            if radius is not None and len(candidates):
                point = shapely.Point(lon + offset, lat)
                candidates = candidates[shapely.dwithin(self.parts[candidates], point, radius)]
            for index in candidates:
                project = project or azimuthal_projector(lat, lon)
                piece = shapely.clip_by_rect(self.parts[index], *box)
                if piece.is_empty:
                    continue
                distance = shapely.distance(shapely.transform(piece, project), _ORIGIN)
                key = self.keys[self.owners[index]]
                if distance <= km and distance < found.get(key, math.inf):
                    found[key] = float(distance)
        return found

    def nearest_within(self, lat: float, lon: float, km: float) -> tuple[str, float] | None:
        found = self.within_km(lat, lon, km)
        if not found:
            return None
        key = min(found, key=lambda k: (found[k], k))
        return key, found[key]


# --- the derived files ------------------------------------------------------------------------


def read_layer(directory: Path, name: str) -> Layer:
    """A layer from <name>.wkb (one WKB polygon per part) and <name>.json (its index)."""
    index = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    blob = (directory / f"{name}.wkb").read_bytes()
    ends = index["ends"]
    starts = [0, *ends[:-1]]
    wkbs = np.array([blob[s:e] for s, e in zip(starts, ends, strict=True)], dtype=object)
    owners = np.asarray(index["owners"], dtype=np.int32)
    return Layer(index["keys"], shapely.from_wkb(wkbs), owners)


class Locator:
    def __init__(self, counties: Layer, countries: Layer):
        self.counties = counties
        self.countries = countries

    def locate(self, lat: float, lon: float) -> PointHit:
        county, snap_km = self._county(lat, lon)
        if county is not None:
            country = country_of_county(county)  # the finer county line wins at a border
        else:
            country, snap_km = self._country(lat, lon)
        # A snapped point is judged from where it was snapped to: its reach grows by the gap.
        reach = NEAR_KM + (snap_km or 0.0)
        nearby: tuple[str, ...] = ()
        if county is not None:
            near = self.counties.within_km(lat, lon, reach)
            nearby = tuple(sorted(k for k in near if k != county))
        others = set(self.countries.within_km(lat, lon, reach)) - {country}
        if country in US_COUNTRIES:
            others -= US_COUNTRIES
        in_water = bool(snap_km)
        return PointHit(country, county, nearby, bool(nearby or others), in_water)

    def _county(self, lat: float, lon: float) -> tuple[str | None, float | None]:
        holders = self.counties.containing(lat, lon)
        if holders:
            return holders[0], 0.0
        holders = self.countries.containing(lat, lon)
        if holders and holders[0] not in US_COUNTRIES:
            return None, None
        nearest = self.counties.nearest_within(lat, lon, COUNTY_SNAP_KM)
        if nearest is None:
            return None, None
        if not holders:  # water: a foreign coast nearer than any county wins
            country = self.countries.nearest_within(lat, lon, nearest[1])
            if country is not None and country[0] not in US_COUNTRIES:
                return None, None
        return nearest

    def _country(self, lat: float, lon: float) -> tuple[str | None, float | None]:
        holders = self.countries.containing(lat, lon)
        if holders:
            return holders[0], 0.0
        nearest = self.countries.nearest_within(lat, lon, COUNTRY_SNAP_KM)
        return nearest if nearest is not None else (None, None)


@cache
def locator(directory: Path = DATA_DIR) -> Locator:
    return Locator(read_layer(directory, "counties"), read_layer(directory, "countries"))


def checked_coordinates(lat: object, lon: object) -> tuple[float, float]:
    for name, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise ValueError(f"{name} must be a number, got {value!r}")
        if not math.isfinite(value) or not -limit <= value <= limit:
            raise ValueError(
                f"{name} must be a finite number in [-{limit:g}, {limit:g}], got {value!r}"
            )
    return float(lat), float(lon)


def locate(lat: float, lon: float) -> PointHit:
    """Country and county at a point (decimal degrees, WGS84)."""
    lat, lon = checked_coordinates(lat, lon)
    return locator().locate(lat, lon)
