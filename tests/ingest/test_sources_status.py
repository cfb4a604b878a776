"""GET /api/v1/sources and the /status page: each source's freshness."""

from __future__ import annotations

from datetime import timedelta

from service.db import db, utcnow
from service.ingest.models import ScrapeRun
from tests.scrapehelp import replay


def sources_by_name(client) -> dict:
    response = client.get("/api/v1/sources")
    assert response.status_code == 200
    return {s["name"]: s for s in response.get_json()["sources"]}


def test_sources_report_schedule_and_freshness(app, client):
    replay(app, "wikipedia")
    found = sources_by_name(client)
    assert set(found) == {"federal_register", "legiscan", "legistar", "openstates", "wikipedia"}
    wiki = found["wikipedia"]
    assert (wiki["status"], wiki["stale"], wiki["trust"]) == ("ok", False, "secondary")
    assert wiki["last_run"]["outcome"] == "success" and wiki["last_run"]["observations"] == 21
    assert wiki["health"].startswith("Working: last successful run") and wiki["incidents"] == []
    assert wiki["last_success_at"] is not None and wiki["interval_minutes"] == 1440
    assert found["federal_register"]["trust"] == "authoritative"
    assert found["legistar"]["stale"] and found["legistar"]["status"] == "never succeeded"
    assert found["legiscan"]["enabled"] is False and not found["legiscan"]["stale"]
    assert found["legiscan"]["health"] == "Disabled: no LegiScan API key (LEGISCAN_API_KEY)."


def test_a_source_without_success_for_three_intervals_is_stale(app, client):
    long_ago = utcnow() - timedelta(days=4)
    with app.app_context():
        db.session.add(
            ScrapeRun(
                source="wikipedia", started_at=long_ago, finished_at=long_ago, outcome="success"
            )
        )
        db.session.add(
            ScrapeRun(
                source="wikipedia",
                started_at=utcnow(),
                finished_at=utcnow(),
                outcome="failed",
                error="wikipedia: HTTP 503",
            )
        )
        db.session.commit()
    wiki = sources_by_name(client)["wikipedia"]
    assert wiki["stale"] and wiki["status"] == "stale"
    assert wiki["last_run"]["error"] == "wikipedia: HTTP 503"


def test_a_recent_failure_is_failing_not_stale(app, client):
    replay(app, "wikipedia")
    with app.app_context():
        db.session.add(ScrapeRun(source="wikipedia", finished_at=utcnow(), outcome="failed"))
        db.session.commit()
    wiki = sources_by_name(client)["wikipedia"]
    assert wiki["status"] == "failing" and not wiki["stale"]


def test_unknown_parameters_are_a_problem(client):
    response = client.get("/api/v1/sources?fresh=1")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["invalid_params"][0]["name"] == "fresh"


def test_the_status_page_shows_each_source(app, client):
    replay(app, "wikipedia")
    response = client.get("/status")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<h1>Source health</h1>" in page and "Wikipedia: Mitragyna speciosa" in page
    assert "never succeeded" in page and "no LegiScan API key" in page
