import csv
import time
from collections import Counter
from pathlib import Path

import pytest

from jurisdictions import ocd
from jurisdictions.registry import COLUMNS, DEFAULT_PATH, load_registry

US = "ocd-division/country:us"
US_TERRITORIES = {"AS", "GU", "MP", "PR", "UM", "VI"}
PLACES_CSV = Path(__file__).parents[2] / "jurisdictions" / "build" / "places_with_law.csv"
# us-atlas 3.0.1 (Census 2017): 3,231 counties and county-equivalents.
ATLAS_FIPS_COUNT = 3231


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def by_level(registry, level):
    return [d for d in registry if d.level == level]


# --- counts ---------------------------------------------------------------------------------


def test_country_count(registry):
    # ISO 3166-1 has 249 entries; six US territories are states of the US here.
    assert len(by_level(registry, "country")) == 249 - len(US_TERRITORIES)
    for code in US_TERRITORIES:
        territory = registry.by_code("iso3166_1", code)
        assert (territory.id, territory.kind) == (f"{US}/state:{code.lower()}", "territory")


def test_every_iso_country_but_us_territories(registry):
    pycountry = pytest.importorskip("pycountry")
    assert len(pycountry.countries) == 249
    for country in pycountry.countries:
        division = registry.by_code("iso3166_1", country.alpha_2)
        assert division is not None, country.alpha_2
        expected = (
            f"{US}/state:{country.alpha_2.lower()}"
            if country.alpha_2 in US_TERRITORIES
            else f"ocd-division/country:{country.alpha_2.lower()}"
        )
        assert division.id == expected
        assert division.codes["iso3166_1_alpha3"] == country.alpha_3


def test_us_states_dc_and_territories(registry):
    under_us = [d for d in registry.children(US) if d.level == "state"]
    kinds = Counter(d.kind for d in under_us)
    assert kinds == {"state": 50, "district": 1, "territory": 6}
    assert {d.codes["postal"] for d in under_us if d.kind == "territory"} == US_TERRITORIES
    dc = registry.get(f"{US}/state:dc")
    assert dc.codes == {"postal": "DC", "fips": "11", "iso3166_2": "US-DC"}
    assert {"D.C.", "Washington, D.C."} <= set(dc.aliases)
    assert "Fla." in registry.get(f"{US}/state:fl").aliases


def test_all_us_atlas_counties_present(registry):
    with_fips = [d for d in registry if len(d.codes.get("fips", "")) == 5]
    assert len(with_fips) == ATLAS_FIPS_COUNT
    assert Counter(d.level for d in with_fips) == {"county": 3190, "place": 41}
    for division in with_fips:
        state = registry.get(division.parent)
        assert division.codes["fips"][:2] == state.codes["fips"], division.id
    per_state = Counter(d.parent.rsplit(":", 1)[1] for d in with_fips)
    assert per_state["tx"] == 254
    assert per_state["va"] == 133  # 95 counties and 38 independent cities
    assert per_state["ct"] == 8  # the old counties, not the 2022 planning regions
    assert per_state["ak"] == 29  # before the 2019 Valdez-Cordova split


def test_places_with_law_present(registry):
    with open(PLACES_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 138
    for row in rows:
        place = registry.get(row["id"])
        assert place is not None, row["id"]
        assert (place.level, place.kind, place.name) == ("place", "city", row["name"])
        fips = [registry.get(c).codes["fips"] for c in place.counties]
        assert fips == row["counties"].split(";")


# --- spot checks ----------------------------------------------------------------------------


def test_sarasota(registry):
    sarasota = registry.by_code("fips", "12115")
    assert sarasota.id == f"{US}/state:fl/county:sarasota"
    assert (sarasota.name, sarasota.level, sarasota.kind) == ("Sarasota County", "county", "county")
    assert [d.id for d in registry.chain(sarasota.id)] == [US, f"{US}/state:fl", sarasota.id]


def test_richmond_city_and_county_are_distinct(registry):
    city = registry.by_code("fips", "51760")
    assert city.id == f"{US}/state:va/place:richmond"
    assert (city.level, city.kind, city.parent, city.counties) == (
        "place",
        "independent_city",
        f"{US}/state:va",
        (),
    )
    county = registry.get(f"{US}/state:va/county:richmond")
    assert county.codes["fips"] == "51159"
    assert f"{US}/state:va/county:fairfax" in registry
    assert f"{US}/state:va/place:fairfax" in registry


def test_kansas_city_chain(registry):
    chain = registry.chain(f"{US}/state:mo/place:kansas_city")
    assert [d.id for d in chain] == [
        US,
        f"{US}/state:mo",
        f"{US}/state:mo/county:jackson",
        f"{US}/state:mo/place:kansas_city",
    ]
    assert "KCMO" in chain[-1].aliases
    assert len(chain[-1].counties) == 4


def test_independent_city_chain_skips_counties(registry):
    chain = registry.chain(f"{US}/state:mo/place:st._louis")
    assert [d.level for d in chain] == ["country", "state", "place"]


def test_territories_and_provinces(registry):
    assert registry.by_code("iso3166_1", "PR").id == f"{US}/state:pr"
    assert registry.by_code("postal", "fl").id == f"{US}/state:fl"
    ontario = registry.get("ocd-division/country:ca/province:on")
    assert (ontario.name, ontario.level, ontario.kind) == ("Ontario", "state", "province")
    assert registry.by_code("iso3166_2", "AU-NSW").id == "ocd-division/country:au/state:nsw"
    hong_kong = registry.get("ocd-division/country:hk")
    assert (hong_kong.level, hong_kong.parent) == ("country", None)


def test_aliases(registry):
    assert {"USA", "America"} <= set(registry.get(US).aliases)
    assert "UK" in registry.get("ocd-division/country:gb").aliases
    assert "Czech Republic" in registry.get("ocd-division/country:cz").aliases
    assert "Ventura" in registry.get(f"{US}/state:ca/place:san_buenaventura").aliases
    assert "Vineyard Haven" in registry.get(f"{US}/state:ma/place:tisbury").aliases
    assert "Sarasota Co." in registry.get(f"{US}/state:fl/county:sarasota").aliases


# --- integrity ------------------------------------------------------------------------------


def test_ids_valid_unique_and_sorted():
    with open(DEFAULT_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COLUMNS
    ids = [row[0] for row in rows[1:]]
    assert ids == sorted(ids)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert all(ocd.is_valid(i) for i in ids)


def test_parents_and_counties_exist(registry):
    for division in registry:
        if division.level == "country":
            assert division.parent is None
            continue
        assert division.parent in registry, division.id
        for county in division.counties:
            assert registry.get(county).level == "county"


def test_ids_nest_under_their_parent(registry):
    for division in registry:
        if division.parent is not None:
            assert ocd.parent(division.id) == division.parent, division.id


def test_law_file_paths_round_trip(registry):
    for division in registry:
        assert ocd.id_for_path(ocd.path_for(division.id)) == division.id


def test_division_is_immutable(registry):
    division = registry.get(US)
    with pytest.raises(AttributeError):
        division.name = "x"
    with pytest.raises(TypeError):
        division.codes["fips"] = "00"
    assert hash(division) == hash(registry.get(US))


def test_loads_fast():
    started = time.perf_counter()
    load_registry(DEFAULT_PATH)
    assert time.perf_counter() - started < 0.5


# --- a small file -----------------------------------------------------------------------------

SMALL = """\
id,name,level,kind,parent,codes,aliases,counties
ocd-division/country:us,United States,country,country,,iso3166_1=US,USA;America,
ocd-division/country:us/state:fl,Florida,state,state,ocd-division/country:us,postal=FL;fips=12,Fla.,
ocd-division/country:us/state:fl/county:sarasota,Sarasota County,county,county,\
ocd-division/country:us/state:fl,fips=12115,Sarasota,
ocd-division/country:us/state:fl/place:venice,Venice,place,city,\
ocd-division/country:us/state:fl,,,ocd-division/country:us/state:fl/county:sarasota
"""


def write(tmp_path, text):
    path = tmp_path / "divisions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file(tmp_path):
    registry = load_registry(write(tmp_path, SMALL))
    assert len(registry) == 4
    venice = f"{US}/state:fl/place:venice"
    assert [d.name for d in registry.chain(venice)] == [
        "United States",
        "Florida",
        "Sarasota County",
        "Venice",
    ]
    assert registry.by_code("fips", "12").id == f"{US}/state:fl"
    assert registry.by_code("fips", "99999") is None
    assert registry.get(US).aliases == ("USA", "America")
    assert [d.id for d in registry.children(f"{US}/state:fl")] == [
        f"{US}/state:fl/county:sarasota",
        venice,
    ]
    assert registry.get(venice).codes == {}


@pytest.mark.parametrize(
    "bad_row, problem",
    [
        (
            "ocd-division/country:us/state:FL,Florida,state,state,ocd-division/country:us,,,",
            "invalid id",
        ),
        (
            "ocd-division/country:us/state:ga,Georgia,state,state,ocd-division/country:us,fips,,",
            "key=value",
        ),
        (
            "ocd-division/country:us/state:ga,Georgia,region,state,ocd-division/country:us,,,",
            "unknown level",
        ),
        ("ocd-division/country:us/state:ga,Georgia,state,state", "expected 8 columns"),
        (
            "ocd-division/country:us/state:ga,Georgia,state,state,ocd-division/country:zz,,,",
            "not in the registry",
        ),
        ("ocd-division/country:us,Again,country,country,,,,", "duplicate id"),
    ],
)
def test_malformed_row_names_its_line(tmp_path, bad_row, problem):
    lines = SMALL.splitlines()
    text = "\n".join([*lines[:3], bad_row, *lines[3:]]) + "\n"
    with pytest.raises(ValueError, match=rf"line 4: .*{problem}"):
        load_registry(write(tmp_path, text))


def test_bad_header(tmp_path):
    with pytest.raises(ValueError, match="line 1"):
        load_registry(write(tmp_path, "id,name\n"))


# --- ocd helpers ------------------------------------------------------------------------------


def test_ocd_validity():
    assert ocd.is_valid("ocd-division/country:us/state:mo/place:st._louis")
    assert ocd.is_valid("ocd-division/country:us/state:ak/census_area:valdez-cordova")
    for bad in (
        "ocd-division/country:usa",
        "ocd-division/country:US",
        "country:us",
        "ocd-division/country:us/",
        "ocd-division/country:us/state:FL",
        "ocd-division/country:us/state2:fl",
        "ocd-division/country:us/state:f l",
        None,
    ):
        assert not ocd.is_valid(bad)


def test_ocd_structure():
    sarasota = "ocd-division/country:us/state:fl/county:sarasota"
    assert ocd.segments(sarasota) == [("country", "us"), ("state", "fl"), ("county", "sarasota")]
    assert ocd.parent(sarasota) == "ocd-division/country:us/state:fl"
    assert ocd.parent("ocd-division/country:us") is None
    assert ocd.path_for(sarasota) == "country-us/state-fl/county-sarasota.yaml"
    assert ocd.id_for_path("country-us/state-fl/county-miami-dade.yaml") == (
        "ocd-division/country:us/state:fl/county:miami-dade"
    )
    with pytest.raises(ValueError):
        ocd.parent("not an id")
    with pytest.raises(ValueError):
        ocd.id_for_path("country-us/state.yaml")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Sarasota", "sarasota"),
        ("St. Mary's", "st._marys"),
        ("Doña Ana", "dona_ana"),
        ("Miami-Dade", "miami-dade"),
        ("Prince George\u2019s", "prince_georges"),
        ("Lewis and  Clark", "lewis_and_clark"),
        ("Manu'a", "manua"),
        ("Coeur d'Alene (city)", "coeur_dalene_city"),
    ],
)
def test_slug(name, expected):
    assert ocd.slug(name) == expected
