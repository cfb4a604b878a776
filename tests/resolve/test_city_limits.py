"""Points and city limits, incorporated or not, state lines, and what text answers say."""

from __future__ import annotations

import pytest
import shapely

from jurisdictions.geo.limits import city_limits
from jurisdictions.resolve.fuzzy import FUZZY_MAX_LENGTH, FuzzyIndex
from jurisdictions.resolve.geocoder import OfflineGeocoder
from jurisdictions.resolve.offline import offline_resolver
from jurisdictions.resolve.resolution import Ambiguous

US = "ocd-division/country:us"
OCEANSIDE = f"{US}/state:ca/place:oceanside"
LEE_MS = f"{US}/state:ms/county:lee"


@pytest.fixture(scope="module")
def resolver():
    return offline_resolver()


def just_east_of(geoid: str, degrees: float) -> tuple[float, float]:
    """A point `degrees` of longitude east of the easternmost vertex of bundled limits."""
    layer = city_limits().layer
    parts = layer.parts[layer.owners == layer.position[geoid]]
    coords = shapely.get_coordinates(parts)
    lon, lat = coords[coords[:, 0].argmax()]
    return float(lat), float(lon + degrees)


def test_a_point_inside_limits_is_answered_for_the_city_exactly(resolver):
    result = resolver.resolve_point(33.2000, -117.3500)  # the middle of Oceanside, CA
    assert result.chain[-1].id == OCEANSIDE
    assert (result.approximate, result.near_boundary, result.incorporated) == (False, False, True)
    assert result.label == "Oceanside, California"


def test_a_point_just_outside_limits_has_the_city_as_an_alternative(resolver):
    result = resolver.resolve_point(*just_east_of("0653322", 0.003))  # about 280 m outside
    assert OCEANSIDE not in {d.id for d in result.chain}
    assert result.near_boundary and not result.approximate
    [alternative] = [a for a in result.alternatives if a.chain[-1].id == OCEANSIDE]
    assert alternative.incorporated is True and "limits of Oceanside" in alternative.reason


def test_a_point_far_outside_limits_is_not_near_them(resolver):
    result = resolver.resolve_point(*just_east_of("0653322", 0.03))  # about 2.8 km outside
    assert OCEANSIDE not in {d.id for d in result.chain}
    assert not any(a.chain[-1].id == OCEANSIDE for a in result.alternatives)


def test_a_scoped_county_knows_which_side_of_a_town_line_a_point_is_on(resolver):
    rural = resolver.resolve_point(34.35, -88.60)  # Lee County, MS, outside every town
    assert rural.chain[-1].id == LEE_MS and rural.incorporated is False
    assert rural.label == "Lee County, Mississippi"
    town = resolver.resolve_point(34.1940, -88.7190)  # inside Verona, which has no law
    assert town.chain[-1].id == LEE_MS and town.incorporated is True
    assert town.label == "Verona, Mississippi"
    saltillo = resolver.resolve_point(34.3765, -88.6817)  # a town with a law of its own
    assert saltillo.chain[-1].id == f"{US}/state:ms/place:saltillo"
    tupelo = resolver.resolve_point(34.2576, -88.7034)
    assert tupelo.chain[-1].id == f"{US}/state:ms/place:tupelo" and tupelo.incorporated is True


def test_a_point_near_a_town_edge_in_a_scoped_county_offers_the_other_side(resolver):
    lat, lon = just_east_of("2874840", -0.002)  # Tupelo, about 180 m inside its east edge
    result = resolver.resolve_point(lat, lon)
    if result.incorporated:
        assert result.near_boundary
        assert any(a.incorporated is False for a in result.alternatives)


def test_without_bundled_limits_incorporation_is_not_known(resolver):
    assert resolver.resolve_point(27.3364, -82.5307).incorporated is None  # Sarasota, FL
    assert resolver.resolve_point(37.5407, -77.4360).incorporated is True  # Richmond city, VA


def test_city_limits_settle_a_coarse_state_line(resolver):
    result = resolver.resolve_point(41.30, -95.90)  # in Omaha, NE; the coarse line says Iowa
    assert result.chain[1].id == f"{US}/state:ne"
    assert any("city limits put the point in Nebraska" in note for note in result.notes)


def test_near_a_coarse_state_line_both_sides_are_offered(resolver):
    result = resolver.resolve_point(34.0, -90.95)  # rural Mississippi river bank
    states = {result.chain[1].id} | {a.chain[1].id for a in result.alternatives}
    assert result.near_boundary and states == {f"{US}/state:ms", f"{US}/state:ar"}


def test_the_geopy_location_carries_incorporated(resolver):
    location = OfflineGeocoder(resolver).reverse((33.2000, -117.3500))
    assert location.raw["resolution"].incorporated is True


# --- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "incorporated"),
    [
        ("Oceanside, CA", True),
        ("Tupelo, MS", True),
        ("Saltillo, MS", True),
        ("Brandon, FL", False),  # a CDP
        ("Richmond, VA", True),  # an independent city
        ("Lee County, MS", None),
        ("Mississippi", None),
        ("Thailand", None),
        ("38801", None),
    ],
)
def test_text_says_whether_the_place_is_incorporated(resolver, text, incorporated):
    assert resolver.resolve(text).incorporated is incorporated


def test_a_zip_answer_says_it_was_found_as_a_zip_code(resolver):
    result = resolver.resolve("92054")
    assert result.notes[0].startswith("Found as a ZIP code: 92054")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Portland", ["Portland, Oregon", "Portland, Maine"]),
        ("Jackson", ["Jackson, Mississippi"]),
    ],
)
def test_a_bare_city_name_ranks_us_places_by_population(resolver, text, first):
    result = resolver.resolve(text)
    assert isinstance(result, Ambiguous)
    assert [c.label for c in result.candidates[: len(first)]] == first
    assert not any("Jacksonville" in c.label for c in result.candidates)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Switzerlnd", "ch"),
        ("Grmany", "de"),
        ("Frnace", "fr"),
        ("Kikwit, Congo, The Democratic Republic of the", "cd"),
    ],
)
def test_misspelt_and_inverted_country_names_resolve(resolver, text, country):
    assert resolver.resolve(text).chain[0].id == f"ocd-division/country:{country}"


def test_typo_matching_compares_a_name_with_a_bounded_group():
    index = FuzzyIndex({"s": ["nashville", "knoxville", "memphis", "abc"]})
    assert index.best("nashvile", "s") == "nashville"
    assert index.best("nashvile", "other") is None
    assert index.best("x" * (FUZZY_MAX_LENGTH + 1), "s") is None
    assert index.best("knoxvile", "s") == "knoxville"
    assert offline_resolver().resolve.__wrapped__.__self__.gaz.typos.largest_group() < 2000


@pytest.mark.parametrize("text", ["qwxzv qwxzv, TX", "z" * 190, "blorf, Germany", "ab, cd, ef"])
def test_unresolvable_text_is_none_not_an_error(resolver, text):
    assert resolver.resolve.__wrapped__(text) is None


def test_a_zip_is_answered_for_the_city_whose_limits_hold_its_centre(resolver):
    la_jolla = resolver.resolve("92037")  # postal city La Jolla: inside San Diego's limits
    assert la_jolla.chain[-1].id == f"{US}/state:ca/place:san_diego"
    oxford = resolver.resolve("38655")  # postal city Oxford, MS; its centre is outside them
    assert oxford.chain[-1].id == f"{US}/state:ms/county:lafayette" and oxford.approximate
    assert f"{US}/state:ms/place:oxford" in {a.chain[-1].id for a in oxford.alternatives}
    assert oxford.incorporated is None
