"""Place names as sources write them, mapped to division ids through the division registry."""

from __future__ import annotations

from functools import cache

from jurisdictions.registry import load_registry

US = "ocd-division/country:us"


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


@cache
def _index() -> tuple[dict[str, str], dict[str, str]]:
    countries: dict[str, str] = {}
    states: dict[str, str] = {}
    for division in load_registry():
        names = (division.name, *division.aliases)
        if division.level == "country":
            for name in names:
                countries.setdefault(_key(name), division.id)
        elif division.parent == US and division.level == "state":
            for name in (*names, division.codes.get("postal", "")):
                if name:
                    states.setdefault(_key(name), division.id)
    return countries, states


def country_id(name: str) -> str | None:
    """`Thailand`, `the United Kingdom` or `TH` to its division id; None if unknown."""
    key = _key(name)
    countries = _index()[0]
    return countries.get(key) or countries.get(key.removeprefix("the "))


def us_state_id(name: str) -> str | None:
    """`Tennessee`, `TN` or `Tenn.` to its division id; `US` (Congress) to the country."""
    if _key(name) == "us":
        return US
    return _index()[1].get(_key(name))


# Names an encyclopedia uses that the registry does not list.
EXTRA_COUNTRY_NAMES = {"Republic of Ireland": "ocd-division/country:ie"}
_NOT_NAMES = frozenset({"America"})  # "South America" is no mention of the United States


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """Every country's names as written in prose (not its ISO codes), longest first, with its
    division id: for finding the countries a sentence names."""
    found = dict(EXTRA_COUNTRY_NAMES)
    for division in load_registry():
        if division.level != "country":
            continue
        for name in (division.name, *division.aliases):
            code = len(name.replace(".", "")) <= 3 and name.isupper()
            if name not in _NOT_NAMES and (not code or name in ("UK", "U.K.", "US", "U.S.")):
                found.setdefault(name, division.id)
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))
