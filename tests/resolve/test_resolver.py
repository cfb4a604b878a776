"""Location resolution on the bundled data: text, ZIP codes, points, and the geopy interface."""

from __future__ import annotations

import pytest
from geopy.location import Location

from jurisdictions.resolve.geocoder import OfflineGeocoder
from jurisdictions.resolve.offline import offline_resolver
from jurisdictions.resolve.query import parse_query
from jurisdictions.resolve.resolution import Ambiguous, Resolution

FL = "ocd-division/country:us/state:fl"
SARASOTA = f"{FL}/county:sarasota"
MANATEE = f"{FL}/county:manatee"


@pytest.fixture(scope="module")
def resolver():
    return offline_resolver()


def deepest(result) -> str:
    assert isinstance(result, Resolution), result
    return result.chain[-1].id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oceanside, CA", "ocd-division/country:us/state:ca/place:oceanside"),
        ("  OCEANSIDE   california ", "ocd-division/country:us/state:ca/place:oceanside"),
        ("near Oceanside, CA, USA", "ocd-division/country:us/state:ca/place:oceanside"),
        ("Sarasota County, Florida", SARASOTA),
        ("sarasota county fl", SARASOTA),
        ("Nashvile, TN", "ocd-division/country:us/state:tn/county:davidson"),
        ("tennesee", "ocd-division/country:us/state:tn"),
        ("TN", "ocd-division/country:us/state:tn"),
        ("Fla.", FL),
        ("D.C.", "ocd-division/country:us/state:dc"),
        ("St. Louis, MO", "ocd-division/country:us/state:mo/place:st._louis"),
        ("Saint Louis County, MO", "ocd-division/country:us/state:mo/county:st._louis"),
        ("Doña Ana County, NM", "ocd-division/country:us/state:nm/county:dona_ana"),
        ("Thailand", "ocd-division/country:th"),
        ("Toronto, Ontario, Canada", "ocd-division/country:ca/province:on"),
        ("Vancouver, BC", "ocd-division/country:ca/province:bc"),
        ("USA", "ocd-division/country:us"),
    ],
)
def test_text_resolves_to_the_right_jurisdiction(resolver, text, expected):
    assert deepest(resolver.resolve(text)) == expected


def test_a_chain_runs_country_first_down_to_the_place(resolver):
    result = resolver.resolve("Oceanside, CA")
    assert [d.level for d in result.chain] == ["country", "state", "county", "place"]
    assert result.chain[2].name == "San Diego County"
    assert result.precision == "place" and not result.approximate


def test_a_truly_ambiguous_name_returns_candidates(resolver):
    result = resolver.resolve("Springfield")
    assert isinstance(result, Ambiguous)
    states = {c.chain[1].name for c in result.candidates}
    assert {"Missouri", "Massachusetts", "Illinois"} <= states


def test_a_name_shared_by_a_state_and_a_country_returns_both(resolver):
    result = resolver.resolve("Georgia")
    assert isinstance(result, Ambiguous)
    assert {c.chain[-1].id for c in result.candidates} == {
        "ocd-division/country:ge",
        "ocd-division/country:us/state:ga",
    }
    assert len({c.label for c in result.candidates}) == 2


def test_a_bare_name_picks_the_dominant_place_and_says_so(resolver):
    result = resolver.resolve("Oceanside")
    assert deepest(result) == "ocd-division/country:us/state:ca/place:oceanside"
    assert any("most populous" in note for note in result.notes)


def test_nonsense_finds_nothing(resolver):
    assert resolver.resolve("qwzxv plorp") is None
    assert resolver.resolve("Nowhereville, TN") is None


def test_zip_codes_and_zip_plus_4(resolver):
    assert deepest(resolver.resolve("34236")) == SARASOTA
    assert deepest(resolver.resolve("34236-1234")) == SARASOTA
    assert deepest(resolver.resolve("Sarasota, FL 34236")) == SARASOTA
    assert resolver.resolve("00000") is None


def test_a_zip_spanning_counties_lists_the_others_with_their_chains(resolver):
    spanning = None
    for code in ("30002", "37013", "34202", "64111", "66208", "20001", "01950", "34243"):
        result = resolver.resolve(code)
        if result is not None and result.alternatives:
            spanning = result
            break
    assert spanning is not None, "expected at least one ZIP to span counties"
    assert spanning.approximate
    assert all(alt.chain[0].id == "ocd-division/country:us" for alt in spanning.alternatives)
    assert any("postal route" in note for note in spanning.notes)


def test_points_resolve_by_polygon(resolver):
    assert deepest(resolver.resolve_point(27.3364, -82.5307)) == SARASOTA
    assert deepest(resolver.resolve_point(27.4989, -82.5748)) == MANATEE
    kansas = resolver.resolve_point(39.1141, -94.6275)
    assert kansas.chain[-1].id == "ocd-division/country:us/state:ks/county:wyandotte"
    assert resolver.resolve_point(30.0, -40.0) is None


def test_a_point_on_a_county_line_is_flagged_with_the_other_county(resolver):
    result = resolver.resolve_point(27.3880, -82.4460)
    assert result.near_boundary
    options = {result.chain[-1].id} | {alt.chain[-1].id for alt in result.alternatives}
    assert options == {SARASOTA, MANATEE}


def test_a_point_inside_bundled_city_limits_is_answered_for_the_city_exactly(resolver):
    result = resolver.resolve_point(39.0997, -94.5786)  # downtown Kansas City, MO
    assert result.chain[-1].id == "ocd-division/country:us/state:mo/place:kansas_city"
    assert not result.approximate and result.precision == "point"
    assert result.incorporated is True


def test_a_town_with_law_but_no_bundled_limits_is_approximate(resolver):
    result = resolver.resolve_point(42.5998, -71.3673)  # Chelmsford, MA: a New England town
    assert result.chain[-1].id == "ocd-division/country:us/state:ma/place:chelmsford"
    assert result.approximate and result.incorporated is None
    assert any("not bundled" in note for note in result.notes)


def test_points_abroad_get_the_country_and_a_province_when_known(resolver):
    result = resolver.resolve_point(43.6532, -79.3832)
    assert [d.id for d in result.chain] == [
        "ocd-division/country:ca",
        "ocd-division/country:ca/province:on",
    ]
    assert result.approximate
    assert resolver.resolve_point(-18.1248, 178.4501).chain[0].id == "ocd-division/country:fj"


def test_the_offline_resolver_is_a_geopy_geocoder(resolver):
    geocoder = OfflineGeocoder(resolver)
    location = geocoder.geocode("Sarasota County, FL")
    assert isinstance(location, Location)
    assert location.raw["resolution"].chain[-1].id == SARASOTA
    assert 26 < location.latitude < 28 and -83 < location.longitude < -81
    many = geocoder.geocode("Springfield", exactly_one=False)
    assert len(many) > 2 and all(isinstance(loc, Location) for loc in many)
    assert geocoder.geocode("Springfield") is None  # one answer was asked for; there is none
    reverse = geocoder.reverse("27.3364, -82.5307")
    assert reverse.raw["resolution"].chain[-1].id == SARASOTA


@pytest.mark.parametrize(
    ("text", "name", "qualifiers", "zip_code"),
    [
        ("near Oceanside, CA, USA", "oceanside", ("ca",), None),
        ("Sarasota, FL 34236-0001", "sarasota", ("fl",), "34236"),
        ("Toronto, Ontario, Canada", "toronto", ("ontario", "canada"), None),
        ("  ST. LOUIS  ", "st louis", (), None),
    ],
)
def test_queries_are_taken_apart(text, name, qualifiers, zip_code):
    query = parse_query(text)
    assert (query.name, query.qualifiers, query.zip) == (name, qualifiers, zip_code)
