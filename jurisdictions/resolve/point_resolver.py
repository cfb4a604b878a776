"""Points to chains: country and US county by point-in-polygon, the rest by what is nearby.

City limits are not available offline, so a point is placed in a city with law of its own
exactly only when that city's boundary is bundled; otherwise, when the nearest populated place
is such a city, it is included and the answer marked approximate.
"""

from __future__ import annotations

from jurisdictions.geo.points import PointHit
from jurisdictions.registry import Division

from .gazetteer import US, Gazetteer
from .names import name_key
from .nearby import NearestPlace
from .place_boundaries import PlaceBoundaries
from .resolution import Alternative, Resolution, label_for

NAMED_PLACE_KM = 10.0  # the nearest place names the point only when this close
SUBDIVISION_KM = 75.0  # outside the US, a province is taken from a place this close


class PointResolver:
    def __init__(self, gazetteer: Gazetteer, places, locate, boundaries: PlaceBoundaries):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.locate = locate
        self.boundaries = boundaries
        self.by_county = NearestPlace(places, "county_fips")
        self.by_country = NearestPlace(places, "country")

    def resolve(self, lat: float, lon: float) -> Resolution | None:
        hit = self.locate(lat, lon)
        if hit.county_fips:
            county = self.registry.by_code("fips", hit.county_fips)
            if county is not None:
                return self._in_us(lat, lon, hit, county)
        if hit.country is None:
            return None
        return self._abroad(lat, lon, hit)

    def _in_us(self, lat: float, lon: float, hit: PointHit, county: Division) -> Resolution:
        chain = tuple(self.registry.chain(county.id))
        notes = ["The point lies in water; the nearest county is used."] if hit.in_water else []
        nearest = self.by_county.find(hit.county_fips, lat, lon)
        named = nearest[0].name if nearest and nearest[1] <= NAMED_PLACE_KM else None
        law, exact = self._law_place(lat, lon, chain, named)
        approximate = hit.in_water or (law is not None and not exact)
        if law is not None:
            chain = (*chain, law)
            if not exact:
                notes.append(
                    f"The nearest town is {law.name}, which has its own law; its city limits "
                    "are not available offline, so the point may lie just outside them."
                )
        return _answer(chain, named, lat, lon, hit, approximate, notes, self._nearby_counties(hit))

    def _law_place(self, lat, lon, chain, named: str | None) -> tuple[Division | None, bool]:
        """The city with law of its own that holds the point, and whether that is certain."""
        state = chain[1]
        for law in self.gaz.law_places_in(state):
            if self.boundaries.has(law.id):
                if self.boundaries.contains(law.id, lat, lon):
                    return law, True
                continue
            same_name = named and self.gaz.local_law(name_key(named), state) == law
            if same_name and chain[-1].id in law.counties:
                return law, False
        return None, False

    def _nearby_counties(self, hit: PointHit) -> tuple[Alternative, ...]:
        alternatives = []
        for fips in hit.nearby_counties:
            county = self.registry.by_code("fips", fips)
            if county is not None:
                chain = tuple(self.registry.chain(county.id))
                reason = f"The point is within about 1 km of {county.name}"
                alternatives.append(Alternative(chain, label_for(chain), reason))
        return tuple(alternatives)

    def _abroad(self, lat: float, lon: float, hit: PointHit) -> Resolution | None:
        country = self.registry.by_code("iso3166_1", hit.country)
        if country is None:
            return None
        chain = tuple(self.registry.chain(country.id))
        nearest = self.by_country.find(hit.country, lat, lon)
        named, approximate = None, hit.in_water
        if nearest and nearest[1] <= SUBDIVISION_KM:
            place = nearest[0]
            named = place.name if nearest[1] <= NAMED_PLACE_KM else None
            sub = self.registry.by_code("iso3166_2", place.iso3166_2) if place.iso3166_2 else None
            if sub is not None and country.id != US and sub not in chain:
                chain, approximate = (*chain, sub), True
        notes = ()
        if approximate and len(chain) > 1:
            notes = (
                "The province is taken from the nearest town; provincial borders are not bundled.",
            )
        return _answer(chain, named, lat, lon, hit, approximate, notes)


def _answer(chain, named, lat, lon, hit: PointHit, approximate, notes, alternatives=()):
    return Resolution(
        chain,
        label_for(chain, named) if named else label_for(chain),
        "point",
        lat,
        lon,
        approximate=approximate,
        near_boundary=hit.near_boundary,
        notes=tuple(notes),
        alternatives=alternatives,
    )
