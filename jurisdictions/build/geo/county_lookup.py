"""The county holding a point, and the state of each county."""

from __future__ import annotations

from jurisdictions.geo.points import COUNTY_SNAP_KM, Layer
from jurisdictions.registry import Registry

# A labelled point that lands in another state's county moves to its own state's nearest
# county if one is this close: the quantized 10m lines follow border rivers only roughly.
OWN_STATE_KM = 3.0


def county_at(layer: Layer, lat: float, lon: float) -> tuple[str | None, float | None]:
    """The county holding a point, else the nearest within COUNTY_SNAP_KM, with its distance."""
    holders = layer.containing(lat, lon)
    if holders:
        return holders[0], 0.0
    return layer.nearest_within(lat, lon, COUNTY_SNAP_KM) or (None, None)


def county_in_state(
    layer: Layer, lat: float, lon: float, state: str, postal: dict[str, str]
) -> tuple[str | None, float | None, bool]:
    """county_at, preferring the labelled state; the flag tells if that moved the answer."""
    county, km = county_at(layer, lat, lon)
    if county is None or postal[county] == state:
        return county, km, False
    own = {k: d for k, d in layer.within_km(lat, lon, OWN_STATE_KM).items() if postal[k] == state}
    if not own:
        return county, km, False
    nearest = min(own, key=lambda k: (own[k], k))
    return nearest, own[nearest], True


def state_of_county(registry: Registry) -> dict[str, str]:
    """County FIPS -> postal code of its state or territory."""
    postal = {}
    for division in registry:
        fips = division.codes.get("fips", "")
        if len(fips) == 5:
            postal[fips] = registry.get(division.parent).codes["postal"]
    return postal
