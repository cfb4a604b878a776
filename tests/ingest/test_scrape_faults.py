"""Every fault ends as a failed run with its reason, leaves the rules as they were, and the
next good run succeeds. The source is a local site on 127.0.0.1."""

from __future__ import annotations

import pytest

from scrapers import SCRAPERS
from scrapers.http import Fetcher, FetchPolicy
from scrapers.statutemap import StatuteMap
from service.ingest.refresh import run_source
from tests.scrapehelp import FIXTURES, counts
from tests.sitefake import FakeSite, Reply, refused_url

POLICY = FetchPolicy(
    contact="ops@example.org", timeout=0.4, retries=1, backoff=0, max_bytes=200_000, delay=0
)
PAGES = {
    "/kratom/banned-states": "banned-states.html",
    "/kratom/legal-states": "legal-states.html",
    "/kratom/restricted-states": "restricted-states.html",
}
BANNED = (FIXTURES / "statutemap" / "banned-states.html").read_bytes()
FAULTS = {
    "timeout": ("statutemap", Reply(body=BANNED, delay=1.0), "timed out"),
    "5xx": ("statutemap", Reply(502, b"bad gateway"), "HTTP 502"),
    "404": ("statutemap", Reply(404, b"gone"), "HTTP 404"),
    "truncated-html": ("statutemap", Reply(body=BANNED[:1200]), "truncated"),
    "layout-changed": (
        "statutemap",
        Reply(body=BANNED.replace(b"state-card", b"state-tile")),
        "layout may have changed",
    ),
    "oversized": ("statutemap", Reply(body=BANNED * 100), "over the 200000-byte limit"),
    "redirect-loop": (
        "statutemap",
        Reply(302, headers={"Location": "/kratom/banned-states"}),
        "redirects",
    ),
    "invalid-json": ("federal_register", Reply(body=b'{"count": 4, "results": [{'), "invalid JSON"),
}


def serve_good(site: FakeSite) -> None:
    for path, name in PAGES.items():
        site.routes[path] = Reply(body=(FIXTURES / "statutemap" / name).read_bytes())
    body = (FIXTURES / "federal_register" / "search-mitragynine-1.json").read_bytes()
    site.routes["/api/v1/documents.json"] = Reply(body=body)


def run(app, name: str, base_url: str):
    return run_source(app, name, fetcher=Fetcher(POLICY), base_url=base_url)


def stored(app) -> dict:
    found = counts(app)
    found.pop("scrape_runs")
    return found


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_fails_the_run_and_the_next_good_run_succeeds(app, fault):
    name, reply, reason = FAULTS[fault]
    before = stored(app)
    with FakeSite() as site:
        serve_good(site)
        path = "/kratom/banned-states" if name == "statutemap" else "/api/v1/documents.json"
        site.routes[path] = reply
        failed = run(app, name, site.url)
        assert failed.outcome == "failed" and reason in failed.error
        assert stored(app) == before
        serve_good(site)
        good = run(app, name, site.url)
    assert good.outcome == "success" and good.observations > 0


def test_connection_refused_fails_the_run(app):
    before = stored(app)
    failed = run(app, "statutemap", refused_url())
    assert failed.outcome == "failed" and "connection refused" in failed.error
    assert stored(app) == before


def test_a_run_that_finds_nothing_never_drops_a_ban(app, client):
    query = {"jurisdiction": "ocd-division/country:us/state:al"}
    before = client.get("/api/v1/verdict", query_string=query).get_json()["verdict"]
    assert before["kratom"]["status"] == "banned"
    with FakeSite() as site:
        site.routes["/api/v1/documents.json"] = Reply(body=b'{"count": 0, "results": []}')
        empty = run(app, "federal_register", site.url)
    assert empty.outcome == "failed" and "found nothing" in empty.error
    assert client.get("/api/v1/verdict", query_string=query).get_json()["verdict"] == before


def test_robots_txt_refusal_is_a_failed_run(app):
    with FakeSite() as site:
        serve_good(site)
        site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /kratom/\n")
        refused = run(app, "statutemap", site.url)
    assert refused.outcome == "failed" and "robots.txt" in refused.error


def test_the_next_run_asks_conditionally_and_a_304_changes_nothing(app):
    with FakeSite() as site:
        serve_good(site)
        for path in PAGES:
            site.routes[path].headers["ETag"] = '"v1"'
        assert run(app, "statutemap", site.url).outcome == "success"
        before = stored(app)
        for path in PAGES:
            site.routes[path] = lambda handler: Reply(
                304 if handler.headers.get("If-None-Match") == '"v1"' else 500
            )
        again = run(app, "statutemap", site.url)
    assert again.outcome == "unchanged" and stored(app) == before


class Sourceless(StatuteMap):
    """A broken scraper: its observations lose their source URL."""

    def observe(self, snapshot, **claim):
        return super().observe(snapshot, **{**claim, "source_url": None})


def test_an_observation_without_a_source_fails_the_run_and_stores_nothing(app, monkeypatch):
    before = stored(app)
    monkeypatch.setitem(SCRAPERS, "statutemap", Sourceless)
    with FakeSite() as site:
        serve_good(site)
        failed = run(app, "statutemap", site.url)
    assert failed.outcome == "failed" and "source_url" in failed.error
    assert stored(app) == before
