"""ZIP codes to chains. A ZIP is a postal route, not a jurisdiction: when it reaches more than one
county or city, the answer is for the one holding its centre, marked approximate, with the
others listed as alternatives so a vendor shipping there can see the strictest.
"""

from __future__ import annotations

from collections import Counter

from jurisdictions.geo.limits import CityLimits
from jurisdictions.geo.tables import Zip, Zips
from jurisdictions.registry import Division

from .gazetteer import Gazetteer
from .names import name_key
from .nearby import haversine_km
from .resolution import Alternative, Resolution, label_for
from .results import county_chain

# A city with law of its own whose centre lies this close to a ZIP's centre may share its area;
# when its limits are bundled, limits this close to the ZIP's centre.
PLACE_REACH_KM = 5.0
LIMITS_REACH_KM = 2.0


class ZipResolver:
    def __init__(self, gazetteer: Gazetteer, zips: Zips, locate, limits: CityLimits):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.zips = zips
        self.locate = locate
        self.limits = limits
        self.by_city = _postal_cities(zips)

    def resolve(self, code: str) -> Resolution | None:
        record = self.zips.by_zip.get(code)
        county = self._county(record.centroid_fips or record.county_fips) if record else None
        if county is None:
            return None
        chain = self._centre_chain(
            record, county_chain(self.gaz, county.codes["fips"], record.city)
        )
        alternatives = self._alternatives(record, county, chain)
        hit = self.locate(record.lat, record.lon) if record.lat is not None else None
        notes = (
            f"Found as a ZIP code: {code} is the postal code of {record.city.title()}, "
            f"{record.state}; ZIP codes are postal routes, not jurisdictions.",
        )
        if alternatives:
            notes += (
                f"ZIP {code} reaches more than one county or city; this answer is for the one "
                "holding its centre; the others are listed as alternatives.",
            )
        return Resolution(
            chain,
            f"{code} ({record.city.title()}, {record.state})",
            "place" if chain[-1].level == "place" else "county",
            record.lat,
            record.lon,
            approximate=bool(alternatives),
            near_boundary=bool(hit and hit.near_boundary),
            notes=notes,
            alternatives=alternatives,
        )

    def _centre_chain(self, record: Zip, chain: tuple) -> tuple:
        """The city with law whose bundled limits hold the ZIP's centre, whatever the postal
        city ("La Jolla" is in San Diego); a postal city whose limits do not hold it is not."""
        if record.lat is None:
            return chain
        if chain[-1].level == "place" and chain[-1].id in self.limits.by_division:
            chain = chain[:-1]
        for place in self.limits.containing(record.lat, record.lon):
            if place.division_id and chain[-1].level == "county":
                return (*chain, self.registry.get(place.division_id))
        return chain

    def city_counties(self, key: str, state: Division) -> Counter:
        """Counties of a postal city's ZIPs (by centre or label), most ZIPs first."""
        found = self.by_city.get(f"{state.codes.get('postal', '')}|{key}")
        if found is None:
            return Counter()
        counties = found.split("|")[1:]
        return Counter({entry[:5]: int(entry[6:]) for entry in counties})

    def city_name(self, key: str, state: Division) -> str:
        return self.by_city[f"{state.codes.get('postal', '')}|{key}"].split("|")[0].title()

    def _county(self, fips: str | None) -> Division | None:
        return self.registry.by_code("fips", fips) if fips else None

    def _alternatives(self, record: Zip, county: Division, chain) -> tuple[Alternative, ...]:
        found = []
        for fips in dict.fromkeys((record.county_fips, *record.other_counties)):
            other = self._county(fips)
            if other is None or other == county:
                continue
            alt_chain = county_chain(self.gaz, other.codes["fips"], record.city)
            found.append(
                Alternative(
                    alt_chain, label_for(alt_chain), f"ZIP {record.zip} may also reach {other.name}"
                )
            )
        for law in self._law_places_near(record, chain):
            alt_chain = (*chain[:3], law) if chain[-1].level == "place" else (*chain, law)
            found.append(
                Alternative(
                    alt_chain,
                    label_for(alt_chain, law.name),
                    f"ZIP {record.zip} may reach into {law.name}",
                )
            )
        return tuple(found)

    def _law_places_near(self, record: Zip, chain) -> list[Division]:
        """Cities with law that the ZIP may reach: bundled limits within LIMITS_REACH_KM of
        its centre, or, without bundled limits, a centre within PLACE_REACH_KM."""
        if record.lat is None:
            return []
        edges = self.limits.near_edges(record.lat, record.lon, LIMITS_REACH_KM)
        near = [self.registry.get(m.division_id) for m in edges if m.division_id]
        for law in self.gaz.law_places_in(chain[1]):
            point = self.gaz.point_of_law_place(law)
            if law.id in self.limits.by_division or point is None:
                continue
            close = haversine_km(record.lat, record.lon, *point) <= PLACE_REACH_KM
            if close and chain[2].id in law.counties:
                near.append(law)
        return [law for law in dict.fromkeys(near) if law not in chain]


def _postal_cities(zips: Zips) -> dict[str, str]:
    """ "ST|city key" -> "Postal City|FIPS:ZIPs|FIPS:ZIPs" (most ZIPs first).

    Kept as flat strings: 30,000 entries of nested tuples would cost megabytes per worker."""
    states, cities = zips.column("state"), zips.column("city")
    centroids, labels = zips.column("centroid_fips"), zips.column("county_fips")
    keys: dict[str, str] = {}
    found: dict[tuple[str, str], Counter] = {}
    names: dict[tuple[str, str], str] = {}
    for state, city, centroid, label in zip(states, cities, centroids, labels, strict=True):
        key = keys.get(city) or keys.setdefault(city, name_key.__wrapped__(city))
        counts = found.setdefault((state, key), Counter())
        counts.update(list(dict.fromkeys(f for f in (centroid, label) if f)))
        names.setdefault((state, key), city)
    return {
        f"{state}|{key}": "|".join([names[state, key], *(f"{f}:{n}" for f, n in c.most_common())])
        for (state, key), c in found.items()
    }
