"""The status maps: derived shapes that regenerate exactly, and projections that put places
where they belong."""

from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import pytest

from jurisdictions.build import build_maps, projections
from jurisdictions.registry import load_registry

US = "ocd-division/country:us"


@pytest.fixture(scope="module")
def maps() -> dict:
    return json.loads(build_maps.DATA_DIR.joinpath("maps.json").read_text())


def test_the_committed_file_is_what_the_build_writes(tmp_path, maps):
    rebuilt = tmp_path / "maps.json"
    build_maps.build(rebuilt)
    assert json.loads(rebuilt.read_text()) == maps


def test_the_us_map_has_every_state_dc_and_puerto_rico(maps):
    registry = load_registry()
    states = {
        d.id
        for d in registry
        if d.parent == "ocd-division/country:us" and d.kind in ("state", "district")
    }
    assert len(states) == 51
    shapes = set(maps["us"]["shapes"])
    assert states <= shapes
    territories = {"ocd-division/country:us/state:pr", "ocd-division/country:us/state:vi"}
    assert shapes - states == territories


def test_every_world_shape_is_a_division_or_marked_as_none(maps):
    registry = load_registry()
    keys = maps["world"]["shapes"]
    unknown = [k for k in keys if k not in registry]
    assert unknown == ["iso:XK"]
    assert "ocd-division/country:th" in keys and "ocd-division/country:sg" in keys
    assert "ocd-division/country:aq" not in keys


def test_paths_are_compact_svg(maps):
    for layer in maps.values():
        for path in layer["shapes"].values():
            assert path.startswith("M") and path.endswith("z")
            assert set(path) <= set("Mlz0123456789- ")
    total = sum(len(p) for layer in maps.values() for p in layer["shapes"].values())
    assert total < 40_000  # the home page carries both maps inline


def test_the_lower_48_centre_is_the_middle_of_the_us_frame():
    x, y = projections.US_INSETS["lower48"](np.array([-96.6]), np.array([38.7]))
    assert (round(float(x[0]), 6), round(float(y[0]), 6)) == (487.5, 305.0)


@pytest.mark.parametrize(
    ("fips", "lon", "lat", "box"),
    [
        ("02", -149.9, 61.2, (0, 400, 300, 610)),  # Anchorage: lower left inset
        ("15", -157.86, 21.31, (200, 480, 400, 610)),  # Honolulu: beside Alaska
        ("72", -66.1, 18.47, (800, 480, 975, 610)),  # San Juan: east of Florida
        ("12", -82.53, 27.34, (700, 400, 900, 610)),  # Sarasota, Florida
        ("53", -122.33, 47.61, (0, 0, 200, 150)),  # Seattle: top left
    ],
)
def test_us_insets_place_states_inside_the_frame(fips, lon, lat, box):
    x, y = projections.us_project(fips)(np.array([lon]), np.array([lat]))
    west, north, east, south = box
    assert west <= x[0] <= east and north <= y[0] <= south


def test_equal_earth_keeps_the_world_in_its_frame():
    x, y = projections.equal_earth(np.array([-180.0, 0.0, 180.0]), np.array([0.0, 90.0, 0.0]))
    assert x[0] == pytest.approx(0.0, abs=0.5) and x[2] == pytest.approx(960.0, abs=0.5)
    assert x[1] == pytest.approx(480.0) and y[1] < 10


def test_every_us_county_and_registry_place_has_a_mark_inside_the_frame(maps):
    registry = load_registry()
    marks = maps["us"]["marks"]
    places = [d.id for d in registry if d.level == "place" and d.id.startswith(US + "/")]
    assert places and all(p in marks for p in places)
    assert "ocd-division/country:us/state:fl/county:sarasota" in marks
    x0, y0, width, height = maps["us"]["view_box"]
    assert all(x0 <= x <= x0 + width and y0 <= y <= y0 + height for x, y in marks.values())
    for layer in maps.values():
        assert set(layer["centres"]) == set(layer["shapes"])


@pytest.fixture
def backend():
    return "sqlite"  # the map reads the rule snapshot


def home(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_states_show_the_local_bans_inside_them(client):
    html = home(client)
    mississippi = re.search(
        r'<a href="/j/ocd-division/country:us/state:ms" [^>]*><title>([^<]+)', html
    )
    assert "own bans inside: kratom" in mississippi.group(1)
    assert re.search(r'<circle class="lb k[^"]*"[^>]*><title>Sarasota County: own ban', html)
    assert re.search(
        r'<circle class="lb k o s"[^>]*><title>Lee County: own ban outside its towns', html
    )
    local = html[html.index("Kratom banned by local law in:") :]
    assert '<a href="/j/ocd-division/country:us/state:ms">Mississippi</a> (' in local
    assert '<a href="/j/ocd-division/country:us/state:fl">Florida</a> (1)' in local


def test_changes_due_within_90_days_are_marked_and_listed(client):
    html = home(client, "/?date=2026-06-30")
    assert re.search(
        r'<path class="sc [^"]*k[^"]*"[^>]*><title>[^<]*Tennessee: kratom banned from 1 July 2026',
        html,
    )
    soon = html[html.index('id="soon-title"') :]
    assert (
        '(tomorrow): <a href="/j/ocd-division/country:us/state:tn">Tennessee</a>: Kratom banned'
        in soon
    )
    assert "see today" in html


def test_the_legend_counts_territories_apart_from_states(client):
    legend = home(client)
    legend = legend[legend.index("Legend: Kratom") : legend.index("Legend: 7-OH")]
    assert "2 territories" in legend and "1 federal district" in legend
    states = sum(int(n) for n in re.findall(r"(\d+) states?\b", legend))
    assert states == 50


def test_a_change_known_only_to_the_month_is_listed_without_a_day(client):
    # Massachusetts' emergency order is dated in the curated data only to August 2026
    soon = home(client, "/?date=2026-06-30")
    soon = soon[soon.index('id="soon-title"') :]
    massachusetts = '<a href="/j/ocd-division/country:us/state:ma">Massachusetts</a>'
    assert f"<strong>August 2026</strong> (the day is not known): {massachusetts}" in soon
    assert f"1 August 2026</strong> (in 5 weeks): {massachusetts}" not in soon
