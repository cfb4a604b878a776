"""Jurisdiction pages, /j/<ocd-id>: own rules, history, children, feeds, and unknown ids."""

from __future__ import annotations

from html import unescape

import pytest

from tests.changehelp import FL, add_news

SARASOTA = FL + "/county:sarasota"


@pytest.fixture
def backend():
    return "sqlite"


def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    return unescape(response.get_data(as_text=True))


def test_a_state_page(client):
    html = page(client, "/j/" + FL + "?date=2026-11-25")
    assert "Florida <span" in html and "Florida's own rules" in html
    assert "Kratom is restricted in Florida" in html and "7-OH is banned in Florida" in html
    history = html[html.index('id="history-title"') : html.index('id="proposals-title"')]
    assert "Earliest record" in history and "13 August 2025" in history
    children = html[html.index('id="children-title"') :]
    assert f'href="/j/{SARASOTA}">Sarasota County</a>' in children
    assert f'href="/j/{FL}/changes.atom"' in html
    assert f'href="/api/v1/jurisdictions/{FL}"' in html
    assert f'href="/api/v1/jurisdictions/{FL}/history"' in html
    assert f'name="jurisdiction" value="{FL}"' in html
    assert 'href="/j/ocd-division/country:us">United States</a>' in html  # breadcrumb


def test_a_county_with_its_own_ban_names_its_state_above_it(client):
    html = page(client, "/j/" + SARASOTA)
    assert "Kratom is banned in Sarasota County, Florida" in html
    assert "retrieved " in html and "Levels above" in html


def test_a_division_without_law_of_its_own_still_answers(client):
    html = page(client, "/j/" + FL + "/county:hillsborough")
    assert "No rule of its own on record; the levels above decide." in html
    assert "has no law of its own on record" in html
    assert "Kratom is restricted in Hillsborough County, Florida" in html


def test_a_city_spanning_counties_says_which_one_it_used(client):
    html = page(client, "/j/ocd-division/country:us/state:mo/place:kansas_city")
    assert "spans 4 counties" in html


def test_recorded_changes_appear_on_their_jurisdiction(app, client):
    add_news(app)
    html = page(client, "/j/" + FL)
    assert "New rule for 7-OH: banned, from 22 June 2026" in html


@pytest.mark.parametrize(
    "path",
    [
        "/j/ocd-division/country:zz",
        "/j/nope",
        "/j/ocd-division/country:us/state:fl/changes",
        "/j/" + "x" * 500,
    ],
)
def test_unknown_ids_get_a_404_page_with_the_search_box(client, path):
    html = page(client, path, 404)
    assert "Jurisdiction not found" in html and '<form class="search"' in html
