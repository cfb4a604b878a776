"""POST /api/v1/lookup/batch: one result per location, per-item problems, limits."""

from __future__ import annotations

import pytest

URL = "/api/v1/lookup/batch"
KEY = "batch-key-0123456789"


def batch(client, locations, **extra):
    return client.post(URL, json={"locations": locations, "date": "2026-11-25", **extra})


def test_results_come_back_in_order_with_problems_in_place(client):
    response = batch(
        client,
        [
            {"q": "Oceanside, CA"},
            {"zip": "34236"},
            {"lat": 27.388, "lon": -82.446},
            {"q": ""},
            {"lat": 91, "lon": 0},
            {"zip": "1234"},
            {"q": "Springfield"},
            {"q": "qwzxv plorp"},
            "not an object",
            {"q": "x", "lat": 1},
        ],
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["count"] == 10 and body["as_of"] == "2026-11-25"
    ok = [r["ok"] for r in body["results"]]
    assert ok == [True, True, True, False, False, False, True, False, False, False]
    first, _, point = body["results"][:3]
    assert first["verdict"]["kratom"]["status"] == "banned"
    assert point["location"]["near_boundary"]
    problems = [r["problem"] for r in body["results"] if not r["ok"]]
    assert [p["status"] for p in problems] == [400, 400, 400, 404, 400, 400]
    assert body["results"][6]["verdict"] is None and body["results"][6]["candidates"]


def test_compact_mode_keeps_verdicts_and_the_strictest_status(client):
    response = client.post(
        URL + "?fields=verdict",
        json={"locations": [{"lat": 27.388, "lon": -82.446}], "date": "2026-11-25"},
    )
    [result] = response.get_json()["results"]
    assert set(result) == {"ok", "verdict", "strictest"}
    assert result["verdict"]["kratom"]["status"] == "restricted"  # Manatee County: Florida's 21+
    assert result["strictest"]["kratom"] == "banned"  # Sarasota County is within 1 km


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"data": "not json", "content_type": "application/json"}, 400),
        ({"data": "q=Tampa", "content_type": "application/x-www-form-urlencoded"}, 415),
        ({"json": []}, 400),
        ({"json": {"locations": []}}, 400),
        ({"json": {"locations": "Tampa"}}, 400),
        ({"json": {"locations": [{"q": "Tampa"}], "extra": 1}}, 400),
        ({"json": {"locations": [{"q": "Tampa"}], "date": "2026-02-30"}}, 400),
        ({"json": {"locations": [{"q": "Tampa"}], "date": 20260101}}, 400),
        ({"json": {"locations": [{"q": "Tampa"}], "date": None}}, 400),
        ({"json": {"locations": [{"q": "Tampa"}] * 1001}}, 413),
    ],
)
def test_an_unusable_request_fails_as_a_whole_with_a_problem(client, kwargs, code):
    response = client.post(URL, **kwargs)
    assert response.status_code == code
    assert response.mimetype == "application/problem+json"


def test_a_body_over_the_size_limit_is_refused(app_with):
    app = app_with(MAX_REQUEST_KB="1")
    response = app.test_client().post(URL, json={"locations": [{"q": "x" * 100}] * 20})
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_batch_callers_are_rate_limited_and_keys_raise_the_limit(app_with):
    app = app_with(
        RATE_LIMIT_BATCH="2/minute",
        RATE_LIMIT_BATCH_KEYED="5/minute",
        API_KEYS=KEY,
    )
    client = app.test_client()
    one = {"locations": [{"q": "TN"}]}
    assert [client.post(URL, json=one).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.post(URL, json=one)
    assert limited.mimetype == "application/problem+json"
    assert int(limited.headers["Retry-After"]) > 0
    keyed = [client.post(URL, json=one, headers={"X-API-Key": KEY}).status_code for _ in range(6)]
    assert keyed == [200] * 5 + [429]
    unknown = client.post(URL, json=one, headers={"X-API-Key": "not-a-key-we-issued"})
    assert unknown.status_code == 401


class SteppingClock:
    """A clock that moves one second each time it is read: one second per item."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_items_past_the_time_budget_are_reported_not_lost(app_with, monkeypatch):
    from service.api import batch as batch_module

    monkeypatch.setattr(batch_module, "clock", SteppingClock())
    client = app_with(BATCH_BUDGET_SECONDS="2.5").test_client()
    locations = [{"q": "Tampa"}, {"zip": "34236"}, {"q": "Louisville, KY"}, {"q": "TN"}] * 3
    response = batch(client, locations)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert len(results) == len(locations) == response.get_json()["count"]
    answered = [r for r in results if r["ok"]]
    skipped = [r["problem"] for r in results if not r["ok"]]
    assert 1 <= len(answered) <= 3 and results[: len(answered)] == answered
    assert len(answered) + len(skipped) == len(locations)
    assert {p["status"] for p in skipped} == {503}
    assert all("not answered" in p["detail"] and "2.5" in p["detail"] for p in skipped)
