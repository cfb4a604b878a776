"""Every fault ends as a failed run with its reason, leaves the rules as they were, keeps the
responses that explain it, and the next good run succeeds. The source is a local site."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from scrapers import SCRAPERS
from scrapers.federal_register import FederalRegister
from scrapers.http import Fetcher, FetchPolicy
from service.db import db, utcnow
from service.ingest import evidence
from service.ingest.models import FailedResponse, ScrapeRun
from service.ingest.refresh import run_source
from tests.scrapehelp import FIXTURES, counts
from tests.sitefake import FakeSite, Reply, refused_url

POLICY = FetchPolicy(
    contact="ops@example.org", timeout=0.4, retries=1, backoff=0, max_bytes=200_000, delay=0
)
SEARCH = "/api/v1/documents.json"
GOOD = (FIXTURES / "federal_register" / "search-mitragynine-1.json").read_bytes()
FAULTS = {
    "timeout": (Reply(body=GOOD, delay=1.0), "timed out"),
    "5xx": (Reply(502, b"bad gateway"), "HTTP 502"),
    "404": (Reply(404, b"gone"), "HTTP 404"),
    "truncated": (Reply(body=GOOD[:1200]), "invalid JSON"),
    "layout-changed": (Reply(body=b'{"count": 3, "documents": []}'), "no `results` list"),
    "oversized": (Reply(body=GOOD * 100), "over the 200000-byte limit"),
    "redirect-loop": (Reply(302, headers={"Location": SEARCH}), "redirects"),
    "invalid-json": (Reply(body=b'{"count": 4, "results": [{'), "invalid JSON"),
}


def serve_good(site: FakeSite) -> None:
    site.routes[SEARCH] = Reply(body=GOOD)


def run(app, base_url: str, name: str = "federal_register"):
    return run_source(app, name, fetcher=Fetcher(POLICY), base_url=base_url)


def stored(app) -> dict:
    found = counts(app)
    found.pop("scrape_runs")
    return found


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_fails_the_run_and_the_next_good_run_succeeds(app, fault):
    reply, reason = FAULTS[fault]
    before = stored(app)
    with FakeSite() as site:
        site.routes[SEARCH] = reply
        failed = run(app, site.url)
        assert failed.outcome == "failed" and reason in failed.error
        assert stored(app) == before
        serve_good(site)
        good = run(app, site.url)
    assert good.outcome == "success" and good.observations > 0


def test_connection_refused_fails_the_run(app):
    before = stored(app)
    failed = run(app, refused_url())
    assert failed.outcome == "failed" and "connection refused" in failed.error
    assert stored(app) == before


def test_a_run_that_finds_nothing_never_drops_a_ban(app, client):
    query = {"jurisdiction": "ocd-division/country:us/state:al"}
    before = client.get("/api/v1/verdict", query_string=query).get_json()["verdict"]
    assert before["kratom"]["status"] == "banned"
    with FakeSite() as site:
        site.routes[SEARCH] = Reply(body=b'{"count": 0, "results": []}')
        empty = run(app, site.url)
    assert empty.outcome == "failed" and "found nothing" in empty.error
    assert client.get("/api/v1/verdict", query_string=query).get_json()["verdict"] == before


class PageSource(FederalRegister):
    """The Federal Register as if it were a web page that robots.txt governs."""

    robots_txt = True


def test_robots_txt_refusal_is_a_failed_run(app, monkeypatch):
    monkeypatch.setitem(SCRAPERS, "federal_register", PageSource)
    with FakeSite() as site:
        serve_good(site)
        site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /api/\n")
        refused = run(app, site.url)
    assert refused.outcome == "failed" and "robots.txt" in refused.error


def test_the_next_run_asks_conditionally_and_a_304_changes_nothing(app):
    with FakeSite() as site:
        site.routes[SEARCH] = Reply(body=GOOD, headers={"ETag": '"v1"'})
        assert run(app, site.url).outcome == "success"
        before = stored(app)
        site.routes[SEARCH] = lambda handler: Reply(
            304 if handler.headers.get("If-None-Match") == '"v1"' else 500
        )
        again = run(app, site.url)
    assert again.outcome == "unchanged" and stored(app) == before


class Sourceless(FederalRegister):
    """A broken scraper: its observations lose their source URL."""

    def observe(self, snapshot, **claim):
        return super().observe(snapshot, **{**claim, "source_url": None})


def test_an_observation_without_a_source_fails_the_run_and_stores_nothing(app, monkeypatch):
    before = stored(app)
    monkeypatch.setitem(SCRAPERS, "federal_register", Sourceless)
    with FakeSite() as site:
        serve_good(site)
        failed = run(app, site.url)
    assert failed.outcome == "failed" and "source_url" in failed.error
    assert stored(app) == before


def kept(app, run_id: int) -> list[FailedResponse]:
    with app.app_context():
        query = select(FailedResponse).where(FailedResponse.run_id == run_id)
        return list(db.session.scalars(query))


def test_a_failed_run_keeps_the_responses_that_explain_it(app):
    with FakeSite() as site:
        site.routes[SEARCH] = Reply(body=b'{"count": 3, "documents": []}')
        changed = run(app, site.url)
        site.routes[SEARCH] = Reply(503, b"<h1>Service Unavailable</h1>")
        down = run(app, site.url)
        serve_good(site)
        good = run(app, site.url)
    [layout] = kept(app, changed.id)
    assert layout.body == b'{"count": 3, "documents": []}' and layout.status_code == 200
    [error] = kept(app, down.id)
    assert (error.status_code, error.body) == (503, b"<h1>Service Unavailable</h1>")
    assert kept(app, good.id) == []


def test_kept_responses_are_bounded_and_pruned_by_age(app):
    with FakeSite() as site:
        site.routes[SEARCH] = Reply(body=b"[" * 10)
        failed = run(app, site.url)
    with app.app_context():
        assert evidence.prune(db.session, utcnow(), days=30) == 0
        db.session.commit()
        later = utcnow() + timedelta(days=31)
        assert evidence.prune(db.session, later, days=30) == len(kept(app, failed.id)) == 1
        db.session.commit()
    assert kept(app, failed.id) == []
    assert evidence.PER_RUN == 20 and evidence.BODY_BYTES == 1_000_000


def test_a_run_killed_midway_is_marked_abandoned_when_the_next_one_starts(app):
    with app.app_context():
        killed = ScrapeRun(source="federal_register", started_at=utcnow(), outcome="running")
        db.session.add(killed)
        db.session.commit()
        killed_id = killed.id
    with FakeSite() as site:
        serve_good(site)
        assert run(app, site.url).outcome == "success"
    with app.app_context():
        row = db.session.get(ScrapeRun, killed_id)
        assert row.outcome == "abandoned" and row.finished_at and "interrupted" in row.error
