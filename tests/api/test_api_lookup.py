"""GET /api/v1/lookup: text and points to verdicts, candidates, alternatives, and bad input."""

from __future__ import annotations

import pytest

DAY = "2026-11-25"


def lookup(client, **query):
    response = client.get("/api/v1/lookup", query_string={"date": DAY, **query})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_city_with_its_own_ban(client):
    body = lookup(client, q="Oceanside, CA")
    assert body["verdict"]["kratom"]["status"] == "banned"
    assert body["location"] == {
        "label": "Oceanside, California",
        "lat": None,
        "lon": None,
        "precision": "place",
        "approximate": False,
        "near_boundary": False,
        "resolver": "offline",
        "incorporated": True,
    }
    levels = [(j["level"], j["name"]) for j in body["jurisdictions"]]
    assert levels == [
        ("country", "United States"),
        ("state", "California"),
        ("county", "San Diego County"),
        ("place", "Oceanside"),
    ]
    assert body["candidates"] == []


def test_a_zip_answers_like_its_county(client):
    body = lookup(client, q="34236")
    assert body["verdict"]["kratom"]["decided_by"]["name"] == "Sarasota County"
    assert body["location"]["lat"] and body["location"]["precision"] == "county"


def test_an_ambiguous_name_returns_candidates_and_no_verdict(client):
    body = lookup(client, q="Springfield")
    assert body["verdict"] is None and body["location"] is None
    assert len(body["candidates"]) >= 3
    first = body["candidates"][0]
    assert first["label"] and first["jurisdictions"][0]["id"] == "ocd-division/country:us"


def test_a_point_on_the_sarasota_manatee_line_shows_both_verdicts(client):
    body = lookup(client, lat="27.3880", lon="-82.4460")
    assert body["location"]["near_boundary"] and body["location"]["precision"] == "point"
    statuses = {body["verdict"]["kratom"]["status"]} | {
        alt["verdict"]["kratom"]["status"] for alt in body["alternatives"]
    }
    assert statuses == {"banned", "restricted"}
    assert all(alt["reason"] and alt["jurisdictions"] for alt in body["alternatives"])


def test_a_point_abroad(client):
    body = lookup(client, lat=13.7563, lon=100.5018)
    assert body["jurisdictions"][0]["id"] == "ocd-division/country:th"
    assert body["verdict"]["kratom"]["status"] == "regulated"


@pytest.mark.parametrize(
    ("query", "code", "param"),
    [
        ({"q": ""}, 400, "q"),
        ({"q": "   "}, 400, "q"),
        ({"q": "x" * 201}, 400, "q"),
        ({"lat": "91", "lon": "0"}, 400, "lat"),
        ({"lat": "-90.5", "lon": "0"}, 400, "lat"),
        ({"lat": "0", "lon": "180.01"}, 400, "lon"),
        ({"lat": "nan", "lon": "0"}, 400, "lat"),
        ({"lat": "inf", "lon": "0"}, 400, "lat"),
        ({"lat": "north", "lon": "0"}, 400, "lat"),
        ({"lat": "10"}, 400, "lon"),
        ({"q": "Tampa", "lat": "1", "lon": "1"}, 400, "q"),
        ({}, 400, "q"),
        ({"q": "Tampa", "date": "2026-02-30"}, 400, "date"),
        ({"q": "Tampa", "zip": "34236"}, 400, "zip"),
        ({"q": "qwzxv plorp"}, 404, None),
        ({"lat": "30", "lon": "-40"}, 404, None),
    ],
)
def test_bad_input_gets_a_problem_document(client, query, code, param):
    response = client.get("/api/v1/lookup", query_string=query)
    assert response.status_code == code
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == code and body["detail"]
    if param:
        assert body["invalid_params"][0]["name"] == param


def test_control_characters_and_odd_unicode_do_not_break_it(client):
    for text in (
        "\x00\x01",
        "🙂🙂",
        "Ｓａｒａｓｏｔａ",
        "'; DROP TABLE rules; --",
        "%00",
        "\u202e",
    ):
        response = client.get("/api/v1/lookup", query_string={"q": text})
        assert response.status_code in (200, 404), (text, response.get_json())
