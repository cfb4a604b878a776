"""Bundled city limits, the Census place names, and the build steps that make them."""

import csv
import json
import math
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon, box

from jurisdictions import ocd
from jurisdictions.build.geo.census_places import CensusPlace
from jurisdictions.build.geo.limits import (
    EDGE_TOLERANCE_M,
    TOLERANCE_M,
    check_first_counties,
    near_other_state,
    place_counties,
    simplified,
)
from jurisdictions.build.geo.place_names import census_name_keys
from jurisdictions.geo import DATA_DIR
from jurisdictions.geo.census_names import CensusNames, load_census_names
from jurisdictions.geo.limits import city_limits, edge_km
from jurisdictions.geo.points import KM_PER_DEGREE, Layer, locator
from jurisdictions.registry import load_registry

BUILD = Path(__file__).parents[2] / "jurisdictions" / "build"
LAWS = Path(__file__).parents[2] / "jurisdictions" / "laws"
SCOPED = re.compile(r"^\s*scope:\s*unincorporated\s*$", re.MULTILINE)


def read_csv(name: str) -> list[dict[str, str]]:
    with open(BUILD / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def limits():
    return city_limits()


def test_every_place_with_law_that_is_a_census_place_has_its_limits_bundled(limits):
    rows = read_csv("places_with_law.csv")
    with_limits = {r["id"] for r in rows if r["census_geoid"]}
    assert set(limits.by_division) == with_limits
    assert len(with_limits) == 118
    for row in rows:
        if row["census_geoid"]:
            assert limits.by_division[row["id"]].geoid == row["census_geoid"]


def test_the_complete_counties_are_the_scoped_ones(limits):
    assert limits.complete_counties == {row["fips"] for row in read_csv("scoped_counties.csv")}


def scoped_law_counties(laws: Path) -> set[str]:
    """Counties whose law file has a rule reaching only unincorporated land."""
    registry = load_registry()
    found = set()
    for path in laws.rglob("*.yaml"):
        division = registry.get(ocd.id_for_path(path.relative_to(laws).as_posix()))
        text = path.read_text(encoding="utf-8")
        if division is not None and division.level == "county" and SCOPED.search(text):
            found.add(division.id)
    return found


def test_every_county_law_that_reaches_only_unincorporated_land_is_listed_as_scoped():
    scoped = {row["id"] for row in read_csv("scoped_counties.csv")}
    assert scoped_law_counties(LAWS) <= scoped


def test_scoped_counties_hold_the_limits_of_their_towns(limits):
    lee = {m.name for m in limits.places if "28081" in m.counties and m.incorporated}
    assert {"Tupelo", "Saltillo", "Verona", "Guntown"} <= lee
    orange = [m for m in limits.places if "06059" in m.counties and m.incorporated]
    assert len(orange) >= 34  # Orange County, CA has 34 cities
    dare = {m.name for m in limits.places if "37055" in m.counties and m.incorporated}
    outer_banks = {"Duck", "Southern Shores", "Kitty Hawk", "Kill Devil Hills", "Nags Head"}
    assert dare == outer_banks | {"Manteo"}


def test_a_place_with_law_must_lie_in_its_first_county():
    law, registry = {"0653322": "ocd-division/country:us/state:ca/place:oceanside"}, load_registry()
    with pytest.raises(ValueError, match="do not reach 06073"):
        check_first_counties(law, {"0653322": ("06059",)}, registry)
    check_first_counties(law, {"0653322": ("06059", "06073")}, registry)


def test_a_point_inside_limits_and_its_distance_to_their_edge(limits):
    [oceanside] = limits.containing(33.2000, -117.3500)
    assert (oceanside.name, oceanside.incorporated) == ("Oceanside", True)
    assert oceanside.division_id == "ocd-division/country:us/state:ca/place:oceanside"
    assert limits.near_edges(33.2000, -117.3500, 1.0) == {}


def test_the_limits_index_states_its_source_and_tolerance():
    index = json.loads((DATA_DIR / "limits.json").read_text(encoding="utf-8"))
    assert index["tolerance_m"] == TOLERANCE_M <= 50
    assert EDGE_TOLERANCE_M <= 50
    assert "TIGER/Line 2019" in index["source"]
    assert len(index["places"]) == len(index["keys"])


def test_edge_distance_is_measured_on_the_ground():
    square = box(-1.0, -1.0, 1.0, 1.0)  # about 222 km across, centred on 0, 0
    layer = Layer.from_geometries({"sq": square})
    inside = edge_km(layer, "sq", 0.0, 0.995, 5.0)  # 0.005 degrees from the east edge
    assert inside == pytest.approx(0.005 * KM_PER_DEGREE, rel=0.01)
    assert edge_km(layer, "sq", 0.0, 0.0, 5.0) == math.inf  # the edge is 111 km away


# --- Census place names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Oceanside", {"oceanside"}),
        ("San Buenaventura (Ventura)", {"san buenaventura", "ventura"}),
        ("St. Joseph", {"st joseph"}),
        (
            "Nashville-Davidson metropolitan government (balance)",
            {"nashville davidson metropolitan government", "nashville davidson", "nashville"},
        ),
        (
            "Louisville/Jefferson County metro government (balance)",
            {"louisville jefferson county metro government", "louisville jefferson", "louisville"},
        ),
    ],
)
def test_census_names_give_the_names_people_use(name, keys):
    assert census_name_keys(name) == keys


def test_a_cdp_is_unincorporated_and_a_shared_name_is_settled_by_county():
    names = CensusNames(
        [
            ("1", "FL", "brandon", "U1", "12057"),
            ("2", "MS", "columbus", "C1", "28087"),
            ("3", "MS", "columbus", "M2", "28087"),  # Columbus AFB CDP: another name key
            ("4", "GA", "twin", "C1", "13001"),
            ("5", "GA", "twin", "U1", "13003"),
            ("6", "KY", "louisville", "C9", "21111"),
            ("7", "KY", "louisville", "C8", "21111"),
        ]
    )
    assert names.incorporated("FL", "brandon", "12057") is False
    assert names.incorporated("FL", "brandon", "12099") is None  # not in that county
    assert names.incorporated("MS", "columbus", "28087") is None  # both kinds: unknown
    assert names.incorporated("GA", "twin", "13001") is True
    assert names.incorporated("GA", "twin", None) is None
    assert names.incorporated("KY", "louisville", "21111") is True  # the inactive one yields
    assert names.incorporated("TX", "nowhere", None) is None


def test_the_bundled_names_know_cities_from_cdps():
    names = load_census_names()
    assert names.incorporated("MS", "tupelo", "28081") is True
    assert names.incorporated("FL", "brandon", "12057") is False
    assert names.incorporated("CA", "ventura", "06111") is True


# --- build steps ---------------------------------------------------------------------------


def place(geoid: str, geometry, census_class: str = "C1") -> CensusPlace:
    return CensusPlace(geoid, "Test", "Test city", census_class, geometry)


def test_simplification_stays_within_its_tolerance():
    angles = [i * 2 * math.pi / 720 for i in range(720)]
    wobbly = Polygon(
        [
            (-90 + 0.02 * math.cos(a) * (1 + 0.002 * math.sin(40 * a)), 35 + 0.02 * math.sin(a))
            for a in angles
        ]
    )
    result = simplified(wobbly, TOLERANCE_M)
    assert shapely.get_num_coordinates(result) < shapely.get_num_coordinates(wobbly)
    assert shapely.hausdorff_distance(result, wobbly) * KM_PER_DEGREE * 1000 <= TOLERANCE_M


def test_a_place_reaches_the_counties_holding_its_area():
    counties = locator().counties
    tupelo = city_limits()
    geometry = shapely.union_all(
        tupelo.layer.parts[tupelo.layer.owners == tupelo.layer.position["2874840"]]
    )
    assert place_counties(place("2874840", geometry), counties) == ("28081",)


def test_only_the_part_of_a_place_near_another_state_marks_the_state_line():
    counties = locator().counties
    inland = place("2874840", box(-88.75, 34.22, -88.65, 34.30))  # Tupelo, far from any line
    assert near_other_state(inland, counties) is None
    omaha = place("3137000", box(-96.10, 41.20, -95.92, 41.35))
    part = near_other_state(omaha, counties)
    assert part is not None and 0 < part.area < omaha.geometry.area
