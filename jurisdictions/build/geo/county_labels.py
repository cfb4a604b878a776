"""County names as the zipcodes package writes them, to county FIPS through the registry."""

from __future__ import annotations

import re
from collections import defaultdict

from jurisdictions.registry import Registry

from .county_lookup import state_of_county
from .names import match_key

# zipcodes' names for counties newer than the 2017 boundaries -> the county they came from.
COUNTY_SUCCESSORS = {
    ("AK", "Chugach Census Area"): "02261",  # split from Valdez-Cordova in 2019
    ("AK", "Copper River Census Area"): "02261",
}


# "Municipality of Anchorage" -> "Anchorage Municipality"
_TYPE_FIRST = re.compile(r"^(City and Borough|Municipality|Borough|City|County) of (.+)$")


def county_label_index(registry: Registry) -> dict[str, dict[str, str]]:
    """state postal -> county name key -> FIPS; full Census names first, then unique aliases.

    Keys come from the registry so that Virginia's independent cities ("Richmond city",
    51760) and counties ("Richmond County", 51159) stay apart; a bare "Richmond" is
    ambiguous and left out. Keys drop spaces too: "La Porte" is "LaPorte", "De Witt" "DeWitt".
    """
    postal = state_of_county(registry)
    full: dict[str, dict[str, str]] = defaultdict(dict)
    aliases: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for division in registry:
        fips = division.codes.get("fips", "")
        if len(fips) != 5:
            continue
        full[postal[fips]][label_key(division.name)] = fips
        for alias in division.aliases:
            aliases[postal[fips]][label_key(alias)].add(fips)
    index = {}
    for state, names in full.items():
        unique = {k: next(iter(v)) for k, v in aliases[state].items() if len(v) == 1}
        index[state] = unique | names
    return index


def label_key(name: str) -> str:
    return match_key(name).replace(" ", "")


def label_fips(state: str, label: str, index: dict[str, dict[str, str]]) -> str | None:
    if (state, label) in COUNTY_SUCCESSORS:
        return COUNTY_SUCCESSORS[state, label]
    reordered = _TYPE_FIRST.sub(r"\2 \1", label)
    names = index.get(state, {})
    return names.get(label_key(label)) or names.get(label_key(reordered))
