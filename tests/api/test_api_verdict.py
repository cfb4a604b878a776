"""GET /api/v1/verdict against the curated data, and its answers to bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

US = "ocd-division/country:us"
TN = "ocd-division/country:us/state:tn"
RI = "ocd-division/country:us/state:ri"
KS = "ocd-division/country:us/state:ks"
KY = "ocd-division/country:us/state:ky"
SARASOTA = "ocd-division/country:us/state:fl/county:sarasota"


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
        florida["rules"]["kratom"]["status"] == "regulated"
    )  # the state's own rule, not the county's


def test_kentucky_is_regulated_with_a_ban_coming(client):
    body = verdict(client, KY, "2026-11-25")
    assert status(body) == "regulated"
    coming = [u for u in body["upcoming"] if u["substance"] == "kratom"]
    assert coming[0]["date"] == "2027-01-01"
    assert coming[0]["status"] == "banned"
    assert coming[0]["status_after"] == "banned"
    assert coming[0]["jurisdiction"]["id"] == KY


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
    assert b"<h1>Not Found</h1>" in response.data
