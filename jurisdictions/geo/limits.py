"""Bundled city limits (Census TIGER/Line 2019, see the README beside the data).

    >>> [m.label for m in city_limits().containing(33.2000, -117.3500)]
    ['Oceanside city']

`limits` holds the whole limits of every place with law that is a Census place and of every
incorporated place reaching a county whose ordinance covers only unincorporated land (those
counties are "complete": a point of theirs outside every bundled limits is unincorporated).
`state_edges` holds, for other places, the part within 3 km of another state: place limits
never cross a state line, so a point inside one settles which side of a coarse line it is on.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import shapely

from . import DATA_DIR
from .census_names import is_incorporated
from .points import Layer, azimuthal_projector, read_layer, search_boxes

_ORIGIN = shapely.Point(0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Municipality:
    geoid: str  # Census place code: state FIPS + place FIPS
    name: str  # "Oceanside", "San Buenaventura (Ventura)"
    label: str  # with its legal description: "Oceanside city", "Saltillo town"
    census_class: str  # C1..C8 incorporated, C9 inactive, U1/U2/M2 CDPs
    counties: tuple[str, ...]  # county FIPS it reaches, largest share first
    division_id: str | None  # the registry's place, when it has law of its own

    @property
    def incorporated(self) -> bool:
        return is_incorporated(self.census_class)

    @property
    def state_fips(self) -> str:
        return self.geoid[:2]


@dataclass(frozen=True, slots=True)
class StateEvidence:
    state_fips: str  # the state of the place limits holding the point
    edge_km: float  # how far the point lies inside them (capped at the search reach)


class CityLimits:
    def __init__(self, limits: Layer, places, complete_counties, edges: Layer):
        self.layer = limits
        self.places = tuple(places)  # aligned with limits.keys
        self.complete_counties = frozenset(complete_counties)
        self.edges = edges
        self.by_division = {m.division_id: m for m in self.places if m.division_id}

    def containing(self, lat: float, lon: float) -> list[Municipality]:
        return [self.places[self.layer.position[k]] for k in self.layer.containing(lat, lon)]

    def near_edges(self, lat: float, lon: float, km: float) -> dict[Municipality, float]:
        """Bundled places whose boundary passes within km of the point (inside or outside)."""
        found = {}
        for key in _keys_near(self.layer, lat, lon, km):
            distance = edge_km(self.layer, key, lat, lon, km)
            if distance < math.inf:
                found[self.places[self.layer.position[key]]] = distance
        return found

    def is_complete(self, county_fips: str) -> bool:
        """Are the limits of every incorporated place of this county bundled?"""
        return county_fips in self.complete_counties

    def state_at(self, lat: float, lon: float, km: float) -> StateEvidence | None:
        """The state of any place limits holding the point, and its depth inside them."""
        for layer in (self.layer, self.edges):
            for key in layer.containing(lat, lon):
                return StateEvidence(key[:2], min(km, edge_km(layer, key, lat, lon, km)))
        return None


def _keys_near(layer: Layer, lat: float, lon: float, km: float) -> list[str]:
    """Keys whose parts' envelopes come within km of the point (a cheap first look)."""
    keys = set()
    for box, _ in search_boxes(lat, lon, km):
        keys.update(layer.keys[layer.owners[i]] for i in layer.tree.query(shapely.box(*box)))
    return sorted(keys)


def edge_km(layer: Layer, key: str, lat: float, lon: float, km: float) -> float:
    """Distance from the point to the boundary of a layer's shape (km; inf beyond `km`)."""
    owner = layer.position[key]
    parts = layer.parts[layer.owners == owner]
    project = azimuthal_projector(lat, lon)
    best = math.inf
    for box, _ in search_boxes(lat, lon, km):
        for part in parts:
            piece = shapely.clip_by_rect(shapely.boundary(part), *box)
            if not piece.is_empty:
                best = min(best, shapely.distance(shapely.transform(piece, project), _ORIGIN))
    return float(best) if best <= km else math.inf


def read_limits(directory: Path) -> CityLimits:
    index = json.loads((directory / "limits.json").read_text(encoding="utf-8"))
    places = [
        Municipality(key, name, label, kind, tuple(filter(None, counties.split(";"))), law or None)
        for key, (name, label, kind, counties, law) in zip(
            index["keys"], index["places"], strict=True
        )
    ]
    return CityLimits(
        read_layer(directory, "limits"),
        places,
        index["complete_counties"],
        read_layer(directory, "state_edges"),
    )


@cache
def city_limits(directory: Path = DATA_DIR) -> CityLimits:
    return read_limits(directory)
