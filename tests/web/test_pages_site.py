"""The home page, changes, the API page, and error pages outside /lookup."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from tests.changehelp import add_change, add_news

TN = "ocd-division/country:us/state:tn"


def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    return unescape(response.get_data(as_text=True))


@pytest.fixture
def sqlite_only(backend):
    if backend != "sqlite":
        pytest.skip("renders the rule snapshot only; its queries are covered on both backends")


@pytest.mark.usefixtures("sqlite_only")
def test_home_has_search_maps_and_legend(client):
    html = page(client, "/")
    assert '<form class="search" action="/lookup" method="get" role="search">' in html
    assert html.count('<svg class="map"') == 2
    assert f'<a href="/j/{TN}" class="k-b o-b"><title>Tennessee: kratom banned, 7-OH banned' in html
    assert '<a href="/j/ocd-division/country:th" class="k-g o-' in html
    assert 'class="maps" data-maps' in html
    assert re.search(r"<strong>Banned</strong>: \d+ states?, \d+ countr", html)
    assert "data-locate hidden" in html  # only the script reveals "use my location"


@pytest.mark.usefixtures("sqlite_only")
def test_the_7oh_switch_works_as_a_plain_link(client):
    html = page(client, "/?substance=7-oh")
    assert 'class="maps o" data-maps' in html
    assert 'data-substance="7-oh" aria-current=true>' in html
    assert "Tennessee: kratom banned" in html  # the same shapes, coloured by the other class
    assert "substance must be one of" in page(client, "/?substance=coffee", 400)


def test_home_shows_the_latest_news_only(app, client):
    assert "No change has been recorded" in page(client, "/")
    add_news(app)
    html = page(client, "/")
    news = html[html.index('id="changes-title"') :]
    assert news.index("New proposal: A bill to license kratom shops") < news.index(
        "Kratom is now banned (was regulated), from 1 July 2026"
    )
    assert "rule revised" not in news


def test_the_changes_page_pages_through_news(app, client):
    add_news(app)
    for n in range(50):
        add_change(
            app,
            TN,
            "updated",
            date(2025, 1, 1) + timedelta(days=n),
            old_status="legal",
            new_status="regulated",
        )
    first = page(client, "/changes")
    assert first.count("<li><time") == 50 and 'rel="next"' in first and 'rel="prev"' not in first
    second = page(client, "/changes?page=2")
    assert second.count("<li><time") == 3 and 'rel="prev"' in second and 'rel="next"' not in second
    assert "There are no changes on this page" in page(client, "/changes?page=9")
    for bad in ("-1", "0", "²", "1e3", "99999999"):
        assert "page must be a whole number" in page(client, f"/changes?page={bad}", 400)
    assert 'href="/changes.atom"' in first and 'href="/api/v1/changes"' in first


@pytest.mark.usefixtures("sqlite_only")
def test_the_api_page_links_the_openapi_docs(client):
    html = page(client, "/developers")
    assert 'href="/api/docs"' in html and 'href="/api/openapi.json"' in html


@pytest.mark.usefixtures("sqlite_only")
def test_an_unknown_page_is_a_404_with_the_search_box(client):
    html = page(client, "/no-such-page", 404)
    assert '<form class="search"' in html and 'lang="en"' in html


@pytest.mark.usefixtures("sqlite_only")
def test_an_unknown_page_says_so_in_words(client):
    html = page(client, "/no-such-page", 404)
    assert "<h1>Page not found</h1>" in html and "Not Found" not in html
    assert "requested URL" not in html  # Werkzeug's own wording


@pytest.mark.usefixtures("sqlite_only")
def test_the_site_has_an_icon(client):
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page(client, "/")
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"
    assert client.get("/favicon.svg").mimetype == "image/svg+xml"


@pytest.mark.usefixtures("sqlite_only")
def test_the_api_page_lists_the_batch_and_subscriptions(client):
    html = page(client, "/developers")
    assert "POST /api/v1/lookup/batch" in html and "POST /api/v1/subscriptions" in html


@pytest.mark.usefixtures("sqlite_only")
def test_the_api_reference_renders_its_markdown(client):
    html = page(client, "/api/docs")
    assert "<code>application/problem+json</code>" in html and "`" not in html
    assert '<td data-label="Meaning">' in html  # stacked on phones


def test_a_source_this_machine_cannot_reach_is_said_calmly(app, client):
    from scrapers.http import Fetcher
    from service.ingest.refresh import run_source
    from tests.ingest.test_scrape_faults import POLICY
    from tests.sitefake import refused_url

    run_source(app, "federal_register", fetcher=Fetcher(POLICY), base_url=refused_url())
    html = page(client, "/status")
    row = html[html.index("<code>federal_register</code>") :].split("</tr>")[0]
    assert "<strong>not reachable from this machine</strong>" in row
    assert "could not reach the source" in row


def test_an_atom_entry_opens_the_page_not_the_json(app, client):
    add_news(app)
    feed = client.get("/changes.atom").get_data(as_text=True)
    entry = feed[feed.index("<entry>") : feed.index("</entry>")]
    assert f'rel="alternate" type="text/html" href="http://127.0.0.1:5000/j/{TN}"' in entry
    assert 'rel="related" type="application/json"' in entry
