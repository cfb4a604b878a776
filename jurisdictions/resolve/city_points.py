"""A US point and city limits: the place with law holding it, incorporated or not, edges near it.

Inside bundled limits of a place with law, the place is in the chain exactly. Within NEAR_KM of
an edge of bundled limits, the other side is an alternative and the point is near a boundary.
The few places with law whose limits are not bundled (New England towns and townships are not
Census places; Gluckstadt, MS was incorporated after the 2019 limits) are still placed by
their nearest town's name or their distance, and then the answer is approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

from jurisdictions.geo.census_names import CensusNames
from jurisdictions.geo.limits import CityLimits, Municipality
from jurisdictions.geo.points import NEAR_KM
from jurisdictions.registry import Division

from .gazetteer import Gazetteer
from .names import name_key
from .nearby import haversine_km
from .resolution import Alternative, label_for

UNBOUNDED_KM = 2.0  # a place with law and no bundled limits holds points this close


@dataclass(frozen=True, slots=True)
class CityAnswer:
    chain: tuple[Division, ...]
    name: str | None  # the city to name in the label
    exact: bool  # the city in the chain is known to hold the point
    incorporated: bool | None
    alternatives: tuple[Alternative, ...]
    near_edge: bool
    notes: tuple[str, ...] = ()


class CityPoints:
    def __init__(self, gazetteer: Gazetteer, limits: CityLimits, names: CensusNames):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.limits = limits
        self.names = names

    def answer(self, lat, lon, county_chain: tuple, named: str | None) -> CityAnswer:
        inside = self.limits.containing(lat, lon)
        county_fips = county_chain[-1].codes["fips"]
        complete = self.limits.is_complete(county_fips)
        incorporated = _incorporated(inside, complete, county_chain[-1])
        law = next((m for m in inside if m.division_id), None)
        edges = self.limits.near_edges(lat, lon, NEAR_KM)
        alternatives = tuple(
            self._edge_alternative(m, km, m in inside, county_chain, complete)
            for m, km in sorted(edges.items(), key=lambda item: item[1])
        )
        if law is not None:
            chain = (*county_chain, self.registry.get(law.division_id))
            return CityAnswer(chain, chain[-1].name, True, True, alternatives, bool(edges))
        town = next((m for m in inside if m.incorporated), None)
        name = _plain_name(town) if town else named
        if town is None and complete and named and self._is_town(named, county_chain):
            name = None  # the nearest town's limits are bundled and the point is outside them
        if town is None:
            unbounded = self._unbounded_law_place(lat, lon, county_chain, named)
            if unbounded is not None:
                note = (
                    f"The nearest town is {unbounded.name}, which has its own law; its limits "
                    "are not bundled, so the point may lie outside them."
                )
                chain = (*county_chain, unbounded)
                return CityAnswer(
                    chain, unbounded.name, False, None, alternatives, bool(edges), (note,)
                )
        return CityAnswer(county_chain, name, False, incorporated, alternatives, bool(edges))

    def _is_town(self, name: str, county_chain) -> bool:
        state, county = county_chain[1].codes["postal"], county_chain[-1].codes["fips"]
        return self.names.incorporated(state, name_key(name), county) is True

    def _edge_alternative(self, m: Municipality, km: float, inside: bool, county_chain, complete):
        name = _plain_name(m)
        law = self.registry.get(m.division_id) if m.division_id else None
        if inside:
            reason = f"The point is within about {_km(km)} of the edge of {name}'s limits"
            outside = False if complete else None
            return Alternative(county_chain, label_for(county_chain), reason, outside)
        chain = (*county_chain, law) if law is not None else county_chain
        reason = f"The point is within about {_km(km)} of the limits of {name}"
        return Alternative(chain, label_for(chain, name), reason, m.incorporated)

    def _unbounded_law_place(self, lat, lon, county_chain, named) -> Division | None:
        state, county = county_chain[1], county_chain[-1]
        for law in self.gaz.law_places_in(state):
            if law.id in self.limits.by_division or county.id not in law.counties:
                continue
            if named and self.gaz.local_law(name_key(named), state) == law:
                return law
            point = self.gaz.point_of_law_place(law)
            if point is not None and haversine_km(lat, lon, *point) <= UNBOUNDED_KM:
                return law
        return None


def _incorporated(inside, complete: bool, county: Division) -> bool | None:
    if any(m.incorporated for m in inside) or county.kind == "independent_city":
        return True
    return False if complete else None


def _plain_name(m: Municipality) -> str:
    """ "San Buenaventura (Ventura)" -> "San Buenaventura"; "Tupelo" stays."""
    return m.name.split(" (")[0]


def _km(km: float) -> str:
    return "1 km" if km >= 0.95 else f"{max(km, 0.1):.1f} km"
