"""Points to chains: country and US county by point-in-polygon, cities by their limits.

Bundled Census city limits place a point in a city with law of its own exactly (see
`city_points`), settle which side of a coarse state line it is on (see `state_lines`) and say
whether it is incorporated; abroad, the province is taken from the nearest town.
"""

from __future__ import annotations

from dataclasses import replace

from jurisdictions.geo.limits import CityLimits
from jurisdictions.geo.points import NEAR_KM, PointHit, checked_coordinates

from .city_points import CityPoints
from .gazetteer import US, Gazetteer
from .nearby import NearestPlace
from .resolution import Alternative, Resolution, label_for
from .state_lines import settle

NAMED_PLACE_KM = 10.0  # the nearest place names the point only when this close
SUBDIVISION_KM = 75.0  # outside the US, a province is taken from a place this close
COUNTY_FIX_KM = 5.0  # limits that do not reach the coarse county take their county this close


class PointResolver:
    def __init__(self, gazetteer: Gazetteer, places, locator, limits: CityLimits, names):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.locate = locator.locate
        self.counties = locator.counties
        self.limits = limits
        self.cities = CityPoints(gazetteer, limits, names)
        self.by_county = NearestPlace(places, "county_fips")
        self.by_country = NearestPlace(places, "country")

    def resolve(self, lat: float, lon: float) -> Resolution | None:
        lat, lon = checked_coordinates(lat, lon)
        hit = self.locate(lat, lon)
        if not hit.county_fips:
            hit = self._in_bundled_water(lat, lon, hit)
        if hit.county_fips:
            county = self.registry.by_code("fips", hit.county_fips)
            if county is not None:
                return self._in_us(lat, lon, hit)
        if hit.country is None:
            return None
        return self._abroad(lat, lon, hit)

    def _in_us(self, lat: float, lon: float, hit: PointHit) -> Resolution:
        sides = settle(lat, lon, hit.county_fips, self.counties, self.limits)
        fips = self._county_of_limits(lat, lon, sides.county_fips if sides else hit.county_fips)
        nearby = sides.nearby if sides else dict.fromkeys(hit.nearby_counties, NEAR_KM)
        nearby.pop(fips, None)
        chain = tuple(self.registry.chain(self.registry.by_code("fips", fips).id))
        notes = ["The point lies in water; the nearest county is used."] if hit.in_water else []
        if sides and sides.moved_to_state:
            notes.append(
                f"Census city limits put the point in {chain[1].name}; the bundled state line "
                "is coarse here."
            )
        nearest = self.by_county.find(fips, lat, lon)
        named = nearest[0].name if nearest and nearest[1] <= NAMED_PLACE_KM else None
        city = self.cities.answer(lat, lon, chain, named)
        approximate = hit.in_water or (len(city.chain) > len(chain) and not city.exact)
        country_near = hit.near_boundary and not hit.nearby_counties
        return Resolution(
            city.chain,
            label_for(city.chain, city.name) if city.name else label_for(city.chain),
            "point",
            lat,
            lon,
            approximate=approximate,
            near_boundary=bool(nearby) or country_near or city.near_edge,
            notes=(*notes, *city.notes),
            alternatives=(*self._nearby_counties(nearby, fips), *city.alternatives),
            incorporated=city.incorporated,
        )

    def _in_bundled_water(self, lat: float, lon: float, hit: PointHit) -> PointHit:
        """City limits reach into bays the coarse county shapes leave out (South San Francisco)."""
        for place in self.limits.containing(lat, lon):
            if place.counties:
                return replace(hit, country="US", county_fips=place.counties[0], in_water=False)
        return hit

    def _county_of_limits(self, lat: float, lon: float, fips: str) -> str:
        """Bundled limits that do not reach the county the coarse lines give: their nearest."""
        for place in self.limits.containing(lat, lon):
            if place.counties and fips not in place.counties:
                around = self.counties.within_km(lat, lon, COUNTY_FIX_KM)
                reached = [k for k in place.counties if k in around]
                if reached:
                    return min(reached, key=lambda k: (around[k], k))
        return fips

    def _nearby_counties(self, nearby: dict[str, float], fips: str) -> tuple[Alternative, ...]:
        alternatives = []
        for other in sorted(nearby, key=lambda k: (nearby[k], k)):
            county = self.registry.by_code("fips", other)
            if county is None:
                continue
            chain = tuple(self.registry.chain(county.id))
            if other[:2] == fips[:2]:
                reason = f"The point is within about 1 km of {county.name}"
            else:
                reason = (
                    f"The point is within about {max(nearby[other], 0.1):.1f} km of "
                    f"{county.name}, {chain[1].name}; the bundled state line is coarse here"
                )
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
