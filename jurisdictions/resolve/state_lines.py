"""Which side of a state line a point is on, when the bundled county lines are too coarse.

The us-atlas county lines are off by up to about 3 km along river borders, so a point that
close to another state's county is not taken on their word: if Census city limits hold the
point (places never cross a state line), their state decides and the point moves to the
nearest county of that state; otherwise both sides are kept, the other as alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely

from jurisdictions.geo.limits import CityLimits
from jurisdictions.geo.points import NEAR_KM, Layer, search_boxes

STATE_LINE_KM = 3.0  # the bundled county lines' worst error along a state line, measured


@dataclass(frozen=True, slots=True)
class Sides:
    county_fips: str  # the county the point is answered for
    nearby: dict[str, float] = field(default_factory=dict)  # other counties worth listing, km
    moved_to_state: str | None = None  # city limits moved the point across a coarse line


def settle(lat: float, lon: float, county_fips: str, counties: Layer, limits: CityLimits):
    """The county to answer for, and the other counties to list as alternatives (with km).

    Counties of the same state count within NEAR_KM, those of another state within
    STATE_LINE_KM unless city limits hold the point at least NEAR_KM inside them."""
    if not _other_state_around(lat, lon, county_fips[:2], counties):
        return None
    around = counties.within_km(lat, lon, STATE_LINE_KM)
    state = county_fips[:2]
    evidence = limits.state_at(lat, lon, NEAR_KM)
    moved = None
    if evidence is not None and evidence.state_fips != state:
        same = {k: d for k, d in around.items() if k[:2] == evidence.state_fips}
        if same:
            county_fips, state = min(same, key=lambda k: (same[k], k)), evidence.state_fips
            moved = state
    settled = evidence is not None and evidence.state_fips == state and evidence.edge_km >= NEAR_KM
    nearby = {
        k: d
        for k, d in around.items()
        if k != county_fips and (d <= NEAR_KM if k[:2] == state else not settled)
    }
    return Sides(county_fips, nearby, moved)


def _other_state_around(lat: float, lon: float, state: str, counties: Layer) -> bool:
    """A cheap first look: does any other state's county part come within the search box?"""
    return any(
        counties.keys[counties.owners[i]][:2] != state
        for box, _ in search_boxes(lat, lon, STATE_LINE_KM)
        for i in counties.tree.query(shapely.box(*box))
    )
