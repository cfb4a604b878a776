"""US Census TIGER/Line 2019 places: city limits of incorporated places, and CDPs.

The geometry is the Census Bureau's (public domain). It is read from a copy of the public
repository generalpiston/geojson-us-city-boundaries (GPL-3.0 for its code and layout), which
holds the Census's own shapefiles (`shapes/tl_2019_SS_place.zip`, one per state) and the same
places converted to GeoJSON, one file per place (`cities/<st>/<name>.json`). The shapefiles
are read where the copy has them; a state whose shapefile is missing is read from the GeoJSON
files, which lose a place that shares its name with another place of the state (about one in
200).
"""

from __future__ import annotations

import io
import json
import tarfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import shape

from .regions import polygonal

REPOSITORY = "generalpiston/geojson-us-city-boundaries"
COMMIT = "861b67d2063ed707e24eb35fd6f5aa87796fd8d1"
VINTAGE = "TIGER/Line 2019 (legal limits as of 2019-01-01)"
ARCHIVE_URL = f"https://codeload.github.com/{REPOSITORY}/tar.gz/{COMMIT}"
# Census class codes: C* incorporated places (C9 inactive: no functioning government),
# U1/U2 census designated places, M2 CDPs on military installations.
INACTIVE = "C9"


@dataclass(frozen=True)
class CensusPlace:
    geoid: str  # state FIPS + place FIPS, 7 digits
    name: str  # NAME: "Oceanside", "San Buenaventura (Ventura)"
    label: str  # NAMELSAD: "Oceanside city"
    census_class: str  # CLASSFP
    geometry: shapely.Geometry

    @property
    def state_fips(self) -> str:
        return self.geoid[:2]

    @property
    def incorporated(self) -> bool:
        return self.census_class.startswith("C") and self.census_class != INACTIVE


def fetch_census_places(directory: Path | None, workdir: Path) -> Path:
    """A folder holding the repository's `shapes/` (and maybe `cities/`) at COMMIT."""
    if directory is not None:
        return directory
    root = workdir / "census-places"
    with urllib.request.urlopen(ARCHIVE_URL, timeout=600) as response:  # noqa: S310 (fixed URL)
        data = response.read()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            _, _, path = member.name.partition("/")
            if path.startswith("shapes/") and path.endswith(".zip") and member.isfile():
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
    return root


def read_census_places(root: Path, postal_by_fips: dict[str, str]) -> list[CensusPlace]:
    """Every place of every state, from the shapefiles, else from the per-place GeoJSON."""
    places: list[CensusPlace] = []
    from_json = []
    for fips, postal in sorted(postal_by_fips.items()):
        archive = root / "shapes" / f"tl_2019_{fips}_place.zip"
        if archive.exists():
            places += _from_shapefile(archive)
        elif (root / "cities" / postal.lower()).is_dir():
            places += _from_geojson(root / "cities" / postal.lower(), fips)
            from_json.append(postal)
    if from_json:
        print(f"census places: read from per-place GeoJSON (no shapefile): {' '.join(from_json)}")
    print(f"census places: {len(places)}")
    return sorted(places, key=lambda p: p.geoid)


def _place(properties: dict, geometry: dict) -> CensusPlace:
    region = polygonal(shapely.make_valid(shape(geometry)))
    return CensusPlace(
        properties["GEOID"],
        properties["NAME"],
        properties["NAMELSAD"],
        properties["CLASSFP"],
        region,
    )


def _from_shapefile(archive: Path) -> Iterator[CensusPlace]:
    import shapefile  # pyshp: a build-only dependency

    with shapefile.Reader(str(archive)) as reader:
        for item in reader.iterShapeRecords():
            yield _place(item.record.as_dict(), item.shape.__geo_interface__)


def _from_geojson(folder: Path, fips: str) -> Iterator[CensusPlace]:
    for path in sorted(folder.glob("*.json")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if feature["properties"]["STATEFP"] == fips:
                yield _place(feature["properties"], feature["geometry"])
