"""Division rows with their aliases, and the names every ISO country goes by."""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

from jurisdictions.registry import Division

from .aliases import COUNTRY_ALIASES

US = "ocd-division/country:us"
US_TERRITORIES = ("AS", "GU", "MP", "PR", "UM", "VI")


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def unique_aliases(name: str, candidates) -> tuple[str, ...]:
    """Distinct non-empty aliases (and their accent-free forms), without the name itself."""
    seen = {name}
    aliases = []
    for alias in [*candidates, name]:
        for form in (alias, ascii_fold(alias)):
            if form and form not in seen:
                seen.add(form)
                aliases.append(form)
    return tuple(aliases)


def division(division_id, name, level, kind, parent, codes, aliases=(), counties=()):
    return Division(
        division_id,
        name,
        level,
        kind,
        parent,
        MappingProxyType(dict(codes)),
        unique_aliases(name, aliases),
        tuple(counties),
    )


def iso_codes(country) -> dict[str, str]:
    return {
        "iso3166_1": country.alpha_2,
        "iso3166_1_alpha3": country.alpha_3,
        "iso3166_1_numeric": country.numeric,
    }


def country_names(country) -> list[str]:
    return [
        getattr(country, "official_name", ""),
        country.name,
        country.alpha_2,
        country.alpha_3,
        *COUNTRY_ALIASES.get(country.alpha_2, ()),
    ]
