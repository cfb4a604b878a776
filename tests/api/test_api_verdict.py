"""GET /api/v1/verdict against the curated data, and its answers to bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.lawset import LARAMIE, TETON

US = "ocd-division/country:us"
TN = "ocd-division/country:us/state:tn"
RI = "ocd-division/country:us/state:ri"
KS = "ocd-division/country:us/state:ks"
KY = "ocd-division/country:us/state:ky"
SARASOTA = "ocd-division/country:us/state:fl/county:sarasota"
FL = "ocd-division/country:us/state:fl"


def verdict(client, jurisdiction, day=None):
    query = {"jurisdiction": jurisdiction}
    if day:
        query["date"] = day
    response = client.get("/api/v1/verdict", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def status(body, substance="kratom"):
    return body["verdict"][substance]["status"]


def test_tennessee_bans_kratom_from_july_2026(client):
    assert status(verdict(client, TN, "2026-06-30")) == "regulated"
    body = verdict(client, TN, "2026-07-01")
    assert status(body) == "banned"
    assert body["verdict"]["kratom"]["decided_by"]["id"] == TN
    assert body["verdict"]["kratom"]["effective_date"] == "2026-07-01"


def test_rhode_island_replaced_its_ban_with_a_regulated_market(client):
    assert status(verdict(client, RI, "2026-03-31")) == "banned"
    body = verdict(client, RI, "2026-04-01")
    assert status(body) == "regulated"
    assert body["verdict"]["kratom"]["min_age"] == 21


def test_kansas_bans_7oh_but_not_the_leaf(client):
    body = verdict(client, KS, "2026-07-01")
    assert status(body, "kratom") != "banned"
    assert status(body, "7-oh") == "banned"
    assert body["verdict"]["7-oh"]["decided_by"]["id"] == KS


def test_sarasota_county_bans_kratom_and_is_named_as_deciding(client):
    body = verdict(client, SARASOTA, "2026-11-25")
    assert status(body) == "banned"
    assert body["verdict"]["kratom"]["decided_by"] == {
        "id": SARASOTA,
        "name": "Sarasota County",
        "level": "county",
    }
    assert [j["level"] for j in body["jurisdictions"]] == ["country", "state", "county"]
    florida = body["jurisdictions"][1]
    assert (
        florida["rules"]["kratom"]["status"] == "restricted"
    )  # the state's own rule (21+), not the county's


def test_kentucky_regulates_the_leaf_and_its_7oh_cap_bans_concentrate_sales(client):
    body = verdict(client, KY, "2026-11-25")
    leaf, seven_oh = body["verdict"]["kratom"], body["verdict"]["7-oh"]
    assert leaf["status"] == "regulated" and leaf["min_age"] == 21
    assert leaf["activities"]["buy"] == {
        "permission": "age_limited",
        "min_age": 21,
        "decided_by": {"id": KY, "name": "Kentucky", "level": "state"},
    }
    assert leaf["next_change"] is None  # no statewide ban was enacted
    assert seven_oh["status"] == "banned"
    assert seven_oh["activities"]["sell"]["permission"] == "prohibited"
    assert seven_oh["activities"]["possess"]["permission"] == "allowed"
    assert "possessing is not an offence" in seven_oh["explanation"]
    assert any(limit["kind"] == "alkaloid_share" for limit in seven_oh["product_limits"])


def test_florida_age_limit_from_july_2023_on_both_sides_of_the_day(client):
    before = verdict(client, FL, "2023-06-30")["verdict"]["kratom"]
    assert before["status"] == "legal"
    assert before["next_change"]["date"] == "2023-07-01"
    on = verdict(client, FL, "2023-07-01")["verdict"]["kratom"]
    assert (on["status"], on["min_age"], on["effective_date"]) == ("restricted", 21, "2023-07-01")


def test_the_day_before_a_scheduled_ban_says_what_comes_next(client):
    body = verdict(client, TETON, "2026-12-31")["verdict"]["kratom"]
    assert body["status"] == "regulated" and body["certain"]
    assert body["next_change"] == {
        "date": "2027-01-01",
        "latest_date": "2027-01-01",
        "status": "banned",
        "decided_by": {"id": TETON, "name": "Teton County", "level": "county"},
        "certain": True,
    }
    assert verdict(client, TETON, "2027-01-01")["verdict"]["kratom"]["status"] == "banned"


def test_a_county_rule_for_unincorporated_land_is_not_certain_for_the_county_as_a_whole(client):
    body = verdict(client, LARAMIE, "2026-11-25")["verdict"]["kratom"]
    assert body["status"] == "banned" and body["scope"] == "unincorporated"
    assert not body["certain"] and "banned" in body["possible_statuses"]
    assert len(body["possible_statuses"]) == 2
    assert "outside its cities and towns" in body["uncertainty"][0]


def test_a_related_compound_order_is_context_not_a_7oh_verdict(client):
    body = verdict(client, US, "2026-11-25")
    assert body["verdict"]["7-oh"]["status"] == "legal"
    assert any("MGM-15" in " ".join(r["compounds"]) for r in body["related"])


def test_federal_law_leaves_kratom_legal(client):
    body = verdict(client, US, "2026-11-25")
    assert status(body) == "legal"
    assert body["verdict"]["kratom"]["note"]
    assert any(p["stage"] == "notice_of_intent" for p in body["pending"])


def test_the_default_date_is_today_in_utc(client):
    body = verdict(client, KY)
    assert body["as_of"] == datetime.now(UTC).date().isoformat()
    assert body == verdict(client, KY, body["as_of"])


def test_every_answer_carries_dates_and_sources(client):
    body = verdict(client, TN, "2026-11-25")
    kratom = body["verdict"]["kratom"]
    assert kratom["last_verified"] and kratom["summary"]
    assert kratom["sources"] and all(
        s["url"].startswith("http") and s["title"] and s["retrieved_at"] for s in kratom["sources"]
    )
    assert set(body) >= {"as_of", "jurisdictions", "verdict", "upcoming", "pending"}
    assert set(body["jurisdictions"][0]) >= {"id", "name", "level", "rules"}


@pytest.mark.parametrize(
    ("query", "code", "param"),
    [
        ({"jurisdiction": TN, "date": "2026-13-01"}, 400, "date"),
        ({"jurisdiction": TN, "date": "2026-02-30"}, 400, "date"),
        ({"jurisdiction": TN, "date": "tomorrow"}, 400, "date"),
        ({"jurisdiction": TN, "date": "20260701"}, 400, "date"),
        ({"jurisdiction": TN, "date": ""}, 400, "date"),
        ({"jurisdiction": "ocd-division/country:us/state:zz"}, 404, None),
        ({"jurisdiction": "Tennessee"}, 400, "jurisdiction"),
        ({"jurisdiction": "ocd-division/country:US/state:tn"}, 400, "jurisdiction"),
        ({}, 400, "jurisdiction"),
        ({"jurisdiction": TN, "dat": "2026-01-01"}, 400, "dat"),
        ({"jurisdiction": TN + "/" + "x:y" * 100}, 400, "jurisdiction"),
    ],
)
def test_bad_input_gets_a_problem_document(client, query, code, param):
    response = client.get("/api/v1/verdict", query_string=query)
    assert response.status_code == code
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == code and body["title"] and body["detail"]
    if param:
        assert body["invalid_params"][0]["name"] == param


def test_a_repeated_parameter_is_refused(client):
    response = client.get(f"/api/v1/verdict?jurisdiction={TN}&jurisdiction={KY}")
    assert response.status_code == 400
    assert "more than once" in response.get_json()["detail"]


def test_unknown_api_paths_and_methods_are_problems_too(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    wrong_method = client.post("/api/v1/verdict")
    assert wrong_method.status_code == 405 and "GET" in wrong_method.headers["Allow"]


def test_browsers_get_an_html_error_page(client):
    response = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert b"<h1>Page not found</h1>" in response.data
