"""GET /api/v1/jurisdictions and /api/v1/jurisdictions/<ocd-id>."""

from __future__ import annotations

import pytest

FL = "ocd-division/country:us/state:fl"
SARASOTA = f"{FL}/county:sarasota"
MANATEE = f"{FL}/county:hillsborough"  # no law of its own


def listing(client, **query):
    response = client.get("/api/v1/jurisdictions", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_lists_every_jurisdiction_with_law_of_its_own(client):
    body = listing(client)
    ids = {j["id"] for j in body["jurisdictions"]}
    assert body["count"] == len(ids) >= 134
    assert {SARASOTA, FL, "ocd-division/country:th"} <= ids
    assert MANATEE not in ids


def test_filters_by_level_status_and_substance(client):
    counties = listing(client, level="county", date="2026-11-25")["jurisdictions"]
    assert counties and all(j["level"] == "county" for j in counties)
    banned_leaf = listing(client, status="banned", substance="kratom", date="2026-11-25")
    ids = {j["id"] for j in banned_leaf["jurisdictions"]}
    assert "ocd-division/country:us/state:tn" in ids
    assert "ocd-division/country:us/state:ks" not in ids
    banned_7oh = listing(client, status="banned", substance="7-oh", date="2026-11-25")
    assert "ocd-division/country:us/state:ks" in {j["id"] for j in banned_7oh["jurisdictions"]}


def test_one_jurisdiction_shows_rules_history_and_children(client):
    response = client.get(f"/api/v1/jurisdictions/{FL}", query_string={"date": "2026-11-25"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "Florida" and body["level"] == "state"
    assert body["parent"]["id"] == "ocd-division/country:us"
    assert body["rules"]["kratom"]["status"] == "restricted"
    assert body["rules"]["7-oh"]["status"] == "banned"
    assert len(body["history"]) >= 3
    assert SARASOTA in {c["id"] for c in body["children_with_law"]}


def test_a_division_without_its_own_law_answers_with_empty_rules(client):
    body = client.get(f"/api/v1/jurisdictions/{MANATEE}").get_json()
    assert body["name"] == "Hillsborough County"
    assert body["rules"] == {"kratom": None, "7-oh": None}
    assert body["history"] == [] and body["proposals"] == []


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/jurisdictions?level=city", 400),
        ("/api/v1/jurisdictions?status=illegal", 400),
        ("/api/v1/jurisdictions?substance=kava", 400),
        ("/api/v1/jurisdictions?date=2026-02-29", 400),
        ("/api/v1/jurisdictions?page=2", 400),
        ("/api/v1/jurisdictions/ocd-division/country:us/state:zz", 404),
        ("/api/v1/jurisdictions/not-an-id", 400),
        ("/api/v1/jurisdictions/ocd-division/country:us/state:fl?date=soon", 400),
    ],
)
def test_bad_input_gets_a_problem_document(client, path, code):
    response = client.get(path)
    assert response.status_code == code
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == code
