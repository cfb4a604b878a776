"""County and country regions from us-atlas and world-atlas, with their repairs."""

from __future__ import annotations

import math
from collections import defaultdict

import shapely
from shapely.geometry import MultiPolygon, Polygon

from jurisdictions.geo.topojson import Polygon as RingList
from jurisdictions.geo.topojson import features
from jurisdictions.registry import Registry

from .regions import disc, feature_region, polygonal

FALLS_CHURCH = "51610"  # collapses to a line at 10m: kept as a disc of its own area
FALLS_CHURCH_KM2 = 5.3  # Census land area, 2.05 square miles


def county_regions(topology: dict, registry: Registry) -> dict[str, MultiPolygon]:
    regions, invalid = {}, []
    for feature in features(topology, "counties"):
        if registry.by_code("fips", feature.id) is None:
            raise ValueError(f"us-atlas county {feature.id} is not in the registry")
        if not all(valid_as_drawn(p) for p in feature.polygons):
            invalid.append(feature.id)
        regions[feature.id] = feature_region(feature.polygons)
    print(f"counties: {len(regions)}; {len(invalid)} invalid, repaired: {' '.join(invalid)}")
    empty = [fips for fips, region in regions.items() if region.is_empty]
    if empty != [FALLS_CHURCH]:
        raise ValueError(f"expected only {FALLS_CHURCH} to collapse, found {empty}")
    collapsed = next(f for f in features(topology, "counties") if f.id == FALLS_CHURCH)
    add_fallback_disc(regions, FALLS_CHURCH, FALLS_CHURCH_KM2, collapsed.polygons)
    return regions


def valid_as_drawn(rings: RingList) -> bool:
    return all(len(r) >= 4 for r in rings) and Polygon(rings[0], rings[1:]).is_valid


def add_fallback_disc(regions: dict, fips: str, km2: float, polygons: list[RingList]) -> None:
    """Give a collapsed county a disc of its own area at its vertices' centre.

    The disc is cut out of the neighbours it overlaps, so the layer stays a partition.
    """
    points = shapely.multipoints([xy for p in polygons for ring in p for xy in ring])
    centre = points.envelope.centroid
    radius = math.sqrt(km2 / math.pi)
    fallback = disc(centre.y, centre.x, radius)
    for key, region in regions.items():
        if region.intersects(fallback):
            regions[key] = polygonal(region.difference(fallback))
    regions[fips] = polygonal(fallback)
    print(f"counties: {fips} replaced by a {radius:.2f} km disc at {centre.y:.4f}, {centre.x:.4f}")


# Natural Earth features with no ISO 3166-1 id, by their world-atlas name.
UNCODED_COUNTRIES = {
    "Somaliland": "SO",  # de jure part of Somalia
    "N. Cyprus": "CY",  # de jure part of Cyprus
    "Siachen Glacier": "IN",  # disputed; administered by India
    "Kosovo": "XK",  # no ISO code; XK is the user-assigned code in common use
}
# "Indian Ocean Ter." holds two Australian territories that ISO codes apart.
INDIAN_OCEAN_TERRITORIES = "Indian Ocean Ter."
COCOS_WEST_OF = 100.0  # Cocos (Keeling) Islands at 96.8 E, Christmas Island at 105.6 E


def country_code(feature, numeric_to_alpha2: dict[str, str]) -> str:
    if feature.id is None:
        name = feature.properties["name"]
        if name not in UNCODED_COUNTRIES:
            raise ValueError(f"world-atlas feature {name!r} has no id and no rule")
        return UNCODED_COUNTRIES[name]
    return numeric_to_alpha2[feature.id]


def country_regions(topology: dict) -> dict[str, MultiPolygon]:
    import pycountry

    numeric_to_alpha2 = {c.numeric: c.alpha_2 for c in pycountry.countries}
    pieces: dict[str, list] = defaultdict(list)
    for feature in features(topology, "countries"):
        region = feature_region(feature.polygons)
        if feature.properties["name"] == INDIAN_OCEAN_TERRITORIES:
            for part in shapely.get_parts(region):
                pieces["CC" if part.centroid.x < COCOS_WEST_OF else "CX"].append(part)
            continue
        pieces[country_code(feature, numeric_to_alpha2)].append(region)
    regions = {code: polygonal(shapely.union_all(parts)) for code, parts in pieces.items()}
    print(f"countries: {len(regions)} codes from {sum(map(len, pieces.values()))} features")
    return regions
