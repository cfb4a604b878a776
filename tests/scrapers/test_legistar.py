"""Legistar: each city on its own, lenient JSON, status names per city."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.errors import ScrapeError
from scrapers.legistar import stage_of, status_map
from tests.scrapers.scrapetools import KC, copy_fixtures, run, scrape

ORANGE = "ocd-division/country:us/state:ca/place:orange"
CASTLE_ROCK = "ocd-division/country:us/state:co/place:castle_rock"
CITIES = {"kansascity": KC, "cityoforange": ORANGE, "castlerock-co": CASTLE_ROCK,
          "mauicounty": "ocd-division/country:us/state:hi/county:maui"}  # fmt: skip


def test_matters_of_each_client():
    [matter] = scrape("legistar")
    assert matter.jurisdiction_id == KC and matter.identifier == "251068"
    assert matter.stage == "enacted" and matter.last_action_date == date(2026, 2, 12)
    assert matter.proposed_status == "regulated" and matter.min_age == 21
    assert matter.source_url.startswith("https://kansascity.legistar.com/LegislationDetail.aspx")


def test_real_titles_read_right():
    found = {o.native_id: o for o in scrape("legistar", LEGISTAR_CLIENTS=CITIES)}
    assert found["cityoforange:7798592"].proposed_status == "banned"
    # "Sale of Kratom to Minors Prohibited" is an age limit, not a ban.
    assert found["castlerock-co:3968371"].proposed_status == "regulated"
    assert not any(key.startswith("mauicounty:") for key in found)  # not about kratom


def test_one_city_failing_does_not_fail_the_others(tmp_path):
    folder = copy_fixtures("legistar", tmp_path, **{"denver-matters.json": b"<html>oops"})
    result = run("legistar", folder)
    assert [o.identifier for o in result.observations] == ["251068"]
    assert result.problems and result.problems[0].startswith("denver: ")
    assert [s.key for s in result.snapshots] == ["kansascity-matters.json"]


def test_every_city_failing_fails_the_run(tmp_path):
    folder = copy_fixtures(
        "legistar", tmp_path, **{"denver-matters.json": b"{", "kansascity-matters.json": b"{"}
    )
    with pytest.raises(ScrapeError, match="every Legistar client failed"):
        run("legistar", folder)


def test_raw_control_characters_and_a_broken_record_stay_local(tmp_path):
    body = (
        b'[{"MatterId": 1, "MatterTitle": "Ordinance banning kratom\x0b sales", '
        b'"MatterStatusName": "Adopted", "MatterPassedDate": "2026-13-45T00:00:00"},'
        b' {"MatterId": 2, "MatterTitle": "An ordinance\x1f banning kratom", '
        b'"MatterStatusName": "Introduced", "MatterIntroDate": "2026-03-01T00:00:00"},'
        b' {"no id": true}]'
    )
    folder = copy_fixtures("legistar", tmp_path, **{"denver-matters.json": body})
    result = run("legistar", folder)
    found = {o.native_id: o for o in result.observations}
    assert set(found) == {"denver:2", "kansascity:68921"}
    assert found["denver:2"].proposed_status == "banned" and found["denver:2"].stage == "introduced"
    assert len(result.problems) == 2 and "denver matter 1" in result.problems[0]


@pytest.mark.parametrize(
    ("name", "own", "stage"),
    [
        ("Adopted", None, "enacted"),
        ("Passed Finally", None, "enacted"),
        ("Filed", None, "unknown"),
        ("Approved For Filing", None, "unknown"),
        ("Placed on File", None, "unknown"),
        ("Filed", {"filed": "enacted"}, "enacted"),
        ("Agenda Ready", None, "hearing_scheduled"),
        ("Recommended to Pass", None, "in_committee"),
        ("Something new", None, "unknown"),
    ],
)
def test_status_names(name, own, stage):
    assert stage_of(name, own) == stage


def test_status_maps_are_read_per_city():
    maps = status_map("mountainview:Filed=enacted; chicago:Placed on File=failed")
    assert maps == {"mountainview": {"filed": "enacted"}, "chicago": {"placed on file": "failed"}}
    assert status_map("none") == {}
    for bad in ("Filed=enacted", "mv:Filed=passed", "MV:Filed=enacted", "mv:=enacted"):
        with pytest.raises(ValueError):
            status_map(bad)


def test_a_city_status_map_is_used(tmp_path):
    body = b'[{"MatterId": 3, "MatterTitle": "Kratom licensing", "MatterStatusName": "Filed"}]'
    folder = copy_fixtures("legistar", tmp_path, **{"denver-matters.json": body})
    found = {o.native_id: o for o in scrape("legistar", folder)}
    assert found["denver:3"].stage == "unknown"
    mapped = scrape("legistar", folder, LEGISTAR_STATUS_MAP={"denver": {"filed": "enacted"}})
    assert {o.native_id: o.stage for o in mapped}["denver:3"] == "enacted"
