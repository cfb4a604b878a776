"""A database outage: every request answers 503 with Retry-After (problem+json for the API, a
page for people), the log says so once per kind of failure rather than once per request,
readiness fails while liveness holds, and the service heals by itself when the database is back.
The outage is real: the suite's PostgreSQL server is stopped mid-run and started again."""

from __future__ import annotations

import logging

import pytest

from tests.changehelp import TN

VERDICT = f"/api/v1/verdict?jurisdiction={TN}&date=2026-11-25"
API = ["/api/v1/changes", "/api/v1/lookup?q=Tampa", VERDICT, "/api/v1/sources"]
PAGES = ["/changes", "/lookup?q=Tampa", "/", f"/j/{TN}"]


@pytest.fixture
def outage_app(app_with):
    return app_with(RESPONSE_CACHE_MB="0", RULES_REFRESH_SECONDS="0.001")


@pytest.fixture
def stopped(pg_server):
    """Stop the suite's PostgreSQL server; it is started again however the test ends."""
    running = [True]

    def stop():
        pg_server.stop_server()
        running[0] = False

    def start():
        pg_server.start_server()
        running[0] = True

    yield stop, start
    if not running[0]:
        pg_server.start_server()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_an_outage_answers_503_once_logged_and_heals(outage_app, stopped, caplog):
    stop, start = stopped
    client = outage_app.test_client()
    assert all(client.get(path).status_code == 200 for path in API + PAGES)
    assert client.get("/api/v1/ready").status_code == 200

    stop()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        api = [client.get(path) for path in API * 5]
        pages = [client.get(path, headers={"Accept": "text/html"}) for path in PAGES * 5]
        ready, health = client.get("/api/v1/ready"), client.get("/api/v1/health")
    for response in api + [ready]:
        assert response.status_code == 503, response.request.path
        assert response.mimetype == "application/problem+json"
        assert int(response.headers["Retry-After"]) > 0
    for response in pages:
        assert response.status_code == 503 and response.mimetype == "text/html"
        assert int(response.headers["Retry-After"]) > 0
        assert "try again" in response.get_data(as_text=True)
    assert health.status_code == 200
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [r for r in loud if r.exc_info], "no traceback per request"
    assert 1 <= len(loud) <= 2, [r.getMessage() for r in loud]

    start()
    assert all(client.get(path).status_code == 200 for path in API + PAGES)
    assert client.get("/api/v1/ready").get_json() == {"status": "ready"}


def test_the_health_check_is_liveness_and_needs_no_database(client):
    assert client.get("/api/v1/health").get_json() == {"status": "ok"}
    assert client.get("/api/v1/ready").get_json() == {"status": "ready"}
