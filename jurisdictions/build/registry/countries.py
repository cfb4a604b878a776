"""Countries (ISO 3166-1) and their top-level subdivisions (ISO 3166-2), from pycountry."""

from __future__ import annotations

import re

import pycountry

from jurisdictions import ocd
from jurisdictions.registry import Division

from .divisions import US, US_TERRITORIES, country_names, division, iso_codes


def countries() -> list[Division]:
    rows = []
    for country in pycountry.countries:
        if country.alpha_2 in US_TERRITORIES:
            continue
        name = getattr(country, "common_name", None) or country.name
        rows.append(
            division(
                f"ocd-division/country:{country.alpha_2.lower()}",
                name,
                "country",
                "country",
                None,
                iso_codes(country),
                country_names(country),
            )
        )
    return rows


# pycountry types with punctuation that the generic rule would turn into odd ids.
SUBDIVISION_TYPES = {
    "Islands, groups of islands": "islands",
    "Chain (of islands)": "chain_of_islands",
    "Group of islands (20 inhabited islands)": "group_of_islands",
}
_CODE_IN_NAME = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_PREPOSITIONS = {"de", "del", "di", "din", "da", "do"}


def subdivision_type(raw: str) -> str:
    kind = SUBDIVISION_TYPES.get(raw) or re.sub(r"[\s-]+", "_", raw.strip().lower())
    if not re.fullmatch(r"[a-z_]+", kind):
        raise ValueError(f"subdivision type {raw!r} needs an entry in SUBDIVISION_TYPES")
    return kind


def subdivision_names(raw: str) -> tuple[str, list[str]]:
    """Name and alternative names from an ISO 3166-2 name.

    'Catalunya [Cataluña]' -> Catalunya + Cataluña; 'Svalbard (Arctic Region)' adds Svalbard;
    'Murcia, Región de' adds Murcia and Región de Murcia.
    """
    name = re.sub(r"\s*\[[^\]]*\]", "", raw).strip()
    aliases = [_CODE_IN_NAME.sub("", text).strip() for text in re.findall(r"\[([^\]]*)\]", raw)]
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()
    aliases.append(plain)
    head, comma, tail = plain.partition(", ")
    words = tail.split()
    if comma and (len(words) == 1 or words[-1] in _PREPOSITIONS):
        aliases += [head, f"{tail} {head}"]
    return name, aliases


def subdivisions() -> list[Division]:
    return [
        subdivision(sub)
        for sub in pycountry.subdivisions
        if sub.parent_code is None and sub.code.partition("-")[0] != "US"
    ]


def subdivision(sub) -> Division:
    """A top-level ISO 3166-2 subdivision; UM's islands are counties of the US state UM."""
    country_code, _, suffix = sub.code.partition("-")
    name, aliases = subdivision_names(sub.name)
    codes = {"iso3166_2": sub.code}
    if country_code == "UM":
        island_id = f"{US}/state:um/island:{ocd.slug(name)}"
        return division(island_id, name, "county", "island", f"{US}/state:um", codes, aliases)
    kind = subdivision_type(sub.type)
    country_id = f"ocd-division/country:{country_code.lower()}"
    division_id = f"{country_id}/{kind}:{suffix.lower()}"
    return division(division_id, name, "state", kind, country_id, codes, aliases)
