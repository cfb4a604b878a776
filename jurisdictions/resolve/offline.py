"""The offline resolver, assembled once per process from the bundled data."""

from __future__ import annotations

from functools import cache, lru_cache

from jurisdictions.geo import points
from jurisdictions.geo.census_names import load_census_names
from jurisdictions.geo.limits import city_limits
from jurisdictions.geo.tables import load_places, load_zips
from jurisdictions.registry import Division, load_registry

from .gazetteer import Gazetteer
from .point_resolver import PointResolver
from .resolver import TextResolver
from .zip_resolver import ZipResolver


class RepresentativePoints:
    """A point inside (or at the heart of) each division, for geopy's Location objects."""

    def __init__(self, gazetteer: Gazetteer, locator: points.Locator):
        self.gaz = gazetteer
        self.layers = {"county": locator.counties, "country": locator.countries}

    def point_of(self, chain: tuple[Division, ...]) -> tuple[float, float]:
        division = chain[-1]
        law_point = self.gaz.point_of_law_place(division)
        if law_point is not None:
            return law_point
        if division.level == "place" and division.counties:  # a place GeoNames lacks
            division = self.gaz.registry.get(division.counties[0])
        code = division.codes.get("fips") if division.level == "county" else None
        if division.level == "country":
            code, layer = division.codes.get("iso3166_1"), self.layers["country"]
        else:
            layer = self.layers["county"]
        if code in layer.keys:
            return self._inside(layer, code)
        return self._largest_place(division, chain)

    @staticmethod
    def _inside(layer: points.Layer, key: str) -> tuple[float, float]:
        index = layer.keys.index(key)
        parts = layer.parts[layer.owners == index]
        largest = max(parts, key=lambda part: part.area)
        point = largest.representative_point()
        return point.y, point.x

    def _largest_place(self, division: Division, chain) -> tuple[float, float]:
        country = chain[0].codes.get("iso3166_1", "")
        row = self.gaz.largest.get(division.codes.get("iso3166_2", ""))
        if row is not None:
            top = self.gaz.table[row]
            return top.lat, top.lon
        return (
            self._inside(self.layers["country"], country)
            if country in self.layers["country"].keys
            else (0.0, 0.0)
        )


TEXT_CACHE_SIZE = 4096


class OfflineResolver:
    """Text and points to chains, from the bundled data only."""

    def __init__(self, text: TextResolver, points: PointResolver, represent: RepresentativePoints):
        # The bundled data never changes while the process runs: a name resolves the same way
        # every time, and popular names are asked for again and again.
        self.resolve = lru_cache(maxsize=TEXT_CACHE_SIZE)(text.resolve)
        self.resolve_point = points.resolve
        self.point_of = represent.point_of


@cache
def offline_resolver() -> OfflineResolver:
    registry = load_registry()
    places = load_places()
    gazetteer = Gazetteer(registry, places)
    limits = city_limits()
    zips = ZipResolver(gazetteer, load_zips(), points.locate, limits)
    names = load_census_names()
    text = TextResolver(gazetteer, zips, names)
    point = PointResolver(gazetteer, places, points.locator(), limits, names)
    return OfflineResolver(text, point, RepresentativePoints(gazetteer, points.locator()))
