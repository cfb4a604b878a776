"""Error shape, caching, CORS and security headers, over every endpoint."""

from __future__ import annotations

import re

import pytest

from service.answers import build as answers

TN = "ocd-division/country:us/state:tn"
GETS = [
    f"/api/v1/verdict?jurisdiction={TN}",
    "/api/v1/lookup?q=Tampa",
    "/api/v1/jurisdictions",
    f"/api/v1/jurisdictions/{TN}",
    f"/api/v1/jurisdictions/{TN}/history",
    "/api/v1/changes",
    "/api/v1/sources",
    "/api/openapi.json",
]
BAD = [
    "/api/v1/verdict?jurisdiction=nope",
    "/api/v1/lookup?lat=500&lon=0",
    "/api/v1/jurisdictions?level=galaxy",
    "/api/v1/jurisdictions/ocd-division/country:zz",
    "/api/v1/jurisdictions/nope/history",
    "/api/v1/changes?limit=-1",
    "/api/v1/sources?x=1",
    "/api/v1/health?x=1",
    "/api/v1/no-such-endpoint",
]


@pytest.mark.parametrize("path", BAD)
def test_every_error_has_one_problem_shape(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["status"] == response.status_code
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", GETS)
def test_reads_carry_validators_and_answer_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_a_304_does_not_recompute_the_verdict(client, monkeypatch):
    path = f"/api/v1/verdict?jurisdiction={TN}&date=2026-11-25"
    etag = client.get(path).headers["ETag"]
    calls = []
    monkeypatch.setattr(answers, "decide", lambda *a: calls.append(a))
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert calls == []


@pytest.mark.parametrize("path", ["/", "/api/v1/health", "/api/docs", "/missing", GETS[0]])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"


def test_reads_are_open_to_other_origins_but_the_batch_is_not(client):
    origin = {"Origin": "https://shop.example"}
    assert client.get(GETS[0], headers=origin).headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/lookup/batch",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "POST" not in preflight.headers.get("Access-Control-Allow-Methods", "")


def test_gzip_is_sent_to_clients_that_accept_it(client):
    client.get(GETS[1])
    response = client.get(GETS[1], headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_the_api_reference_page_lists_every_operation(client):
    spec = client.get("/api/openapi.json").get_json()
    page = client.get("/api/docs").get_data(as_text=True)
    for path in spec["paths"]:
        assert path in page
    loaded = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert loaded and all(url.startswith("/") for url in loaded), "everything from this app"
