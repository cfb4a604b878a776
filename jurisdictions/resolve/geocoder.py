"""The offline resolver behind geopy's Geocoder interface.

`geocode(text)` and `reverse((lat, lon))` return `geopy.location.Location` objects whose `raw`
carries the full `Resolution` (chain, precision, approximate, alternatives). With
`exactly_one=False` an ambiguous name returns one Location per candidate. No network is used.

The web service calls the `OfflineResolver` underneath directly: importing geopy's geocoders
(and the HTTP stack they bring) would add about 20 MB to every worker for nothing.
"""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .offline import OfflineResolver, offline_resolver
from .resolution import Ambiguous, Candidate, Resolution


class OfflineGeocoder(Geocoder):
    def __init__(self, resolver: OfflineResolver | None = None):
        super().__init__(scheme="https", timeout=1, proxies={}, user_agent="offline")
        self.resolver = resolver or offline_resolver()

    def geocode(self, query, *, exactly_one=True, timeout=None):
        result = self.resolver.resolve(str(query))
        if result is None:
            return None
        if isinstance(result, Ambiguous):
            locations = [self._location(c) for c in result.candidates]
            return None if exactly_one else locations
        location = self._location(result)
        return location if exactly_one else [location]

    def reverse(self, query, *, exactly_one=True, timeout=None):
        lat, lon = _lat_lon(query)
        result = self.resolver.resolve_point(lat, lon)
        if result is None:
            return None
        location = self._location(result)
        return location if exactly_one else [location]

    def _location(self, result: Resolution | Candidate) -> Location:
        known = result.lat is not None
        point = (result.lat, result.lon) if known else self.resolver.point_of(result.chain)
        return Location(result.label, point, {"resolution": result})


def _lat_lon(query) -> tuple[float, float]:
    if isinstance(query, str):
        lat, _, lon = query.partition(",")
        return float(lat), float(lon)
    if hasattr(query, "latitude"):
        return query.latitude, query.longitude
    lat, lon = query
    return float(lat), float(lon)
