"""The answer page: what it says, that it says what the API says, and bad input."""

from __future__ import annotations

import re
from html import unescape

import pytest

from service.answers import build as answers
from service.web import wording

DAY = "2026-11-25"


@pytest.fixture
def backend():
    return "sqlite"  # pages read the rule snapshot; the database queries are tested on both


def page(client, status=200, **query) -> str:
    response = client.get("/lookup", query_string=query)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return unescape(response.get_data(as_text=True))


def test_a_city_with_its_own_ban(client):
    html = page(client, q="Oceanside, CA", date=DAY)
    assert "<h1>Oceanside, California</h1>" in html
    assert (
        "Kratom sale is banned in Oceanside, California; whether possession is an offence is "
        "not known" in html
    )
    assert "7-OH sale is banned in Oceanside, California; possession is not an offence" in html
    assert "Banned</span>" not in html  # never a bare "Banned" beside possession allowed
    assert re.search(r"Decided by <a href=\"/j/ocd-division/country:us/state:ca\">", html)
    chain = html[html.index('<table class="chain">') : html.index("</table>")]
    assert [
        n for n in ("United States", "California", "San Diego County", "Oceanside") if n in chain
    ]
    assert chain.count('<th scope="row">') == 4
    assert "retrieved 30 November 2026" in html and "not legal advice" in html
    assert "(primary), retrieved" in html and "confidence medium" in html


def test_the_subscribe_form_is_prefilled_with_the_place(client):
    html = page(client, q="Oceanside, CA")
    form = html[
        html.index('<form class="subscribe"') : html.index("</form>", html.index("subscribe"))
    ]
    assert 'action="/subscribe"' in form and 'name="email"' in form
    assert 'name="q" value="Oceanside, CA"' in form  # the place as searched
    assert "Email me when the law changes for Oceanside, California" in html
    assert 'name="csrf_token"' in form


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Oceanside, CA"},
        {"q": "34236"},
        {"q": "Thailand"},
        {"lat": "27.3880", "lon": "-82.4460"},
    ],
)
def test_the_page_says_what_the_api_says(client, query):
    api = client.get("/api/v1/lookup", query_string={**query, "date": DAY}).get_json()
    html = page(client, **query, date=DAY)
    place = api["location"]["label"]
    for substance, verdict in api["verdict"].items():
        assert f"{wording.substance_name(substance)} " in html and place in html
        assert verdict["explanation"] in html
        assert f">{verdict['decided_by']['name']}</a>" in html
    for alternative in api["alternatives"]:
        assert alternative["label"] in html


def test_a_point_near_a_county_line_warns_and_shows_the_other_side(client):
    html = page(client, lat="27.3880", lon="-82.4460", date=DAY)
    assert "Close to a boundary" in html and "Sarasota County, Florida" in html
    assert "Found as a point on the map (27.3880, -82.4460)" in html


def test_a_zip_spanning_counties_is_approximate(client):
    html = page(client, q="64111")
    assert "reaches more than one county" in html and "postal route" in html
    assert "Not certain." in html
    assert "Johnson County, Kansas" in html


def test_an_earlier_date_shows_what_was_coming(client):
    html = page(client, q="Tennessee", date="2026-01-01")
    assert "Kratom is legal but regulated in Tennessee" in html
    assert "1 July 2026" in html and "here kratom will then be banned" in html
    assert "Banned from 1 July 2026</strong> — in 6 months" in html
    assert "see today" in html


def test_an_ambiguous_name_lists_candidates_that_each_answer(client):
    html = page(client, q="Springfield")
    assert "Which “Springfield”?" in html
    links = re.findall(r'<li><a href="([^"]+)">(Springfield[^<]*)</a></li>', html)
    assert len(links) >= 3
    for href, label in links[:3]:
        answer = client.get(unescape(href))
        assert answer.status_code == 200
        assert f"<h1>{label}</h1>" in answer.get_data(as_text=True)


def test_candidates_without_a_place_name_of_their_own_link_to_their_page(client):
    html = page(client, q="Georgia")
    assert 'href="/j/ocd-division/country:ge"' in html
    assert 'href="/j/ocd-division/country:us/state:ga"' in html


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ({"q": ""}, 400, "Type a city"),
        ({"q": "   "}, 400, "Type a city"),
        ({}, 400, "Type a city"),
        ({"q": "x" * 201}, 400, "longer than 200"),
        ({"lat": "91", "lon": "0"}, 400, "latitude must be between -90 and 90"),
        ({"lat": "north", "lon": "0"}, 400, "latitude must be a number"),
        ({"lat": "10"}, 400, "longitude must be a number"),
        ({"lat": "1", "lon": "inf"}, 400, "longitude must be between"),
        ({"q": "Tampa", "lat": "1", "lon": "1"}, 400, "not both"),
        ({"q": "Tampa", "date": "2026-02-30"}, 400, "“2026-02-30” is not a date we can read"),
        ({"q": "Tampa", "date": "soon"}, 400, "for example 2026-06-30"),
        ({"q": "qwzxv plorp"}, 404, "could not find a place called “qwzxv plorp”"),
        ({"lat": "30", "lon": "-40"}, 404, "No country lies at that point"),
    ],
)
def test_bad_input_gets_a_friendly_page_with_the_search_box(client, query, status, says):
    html = page(client, status, **query)
    assert says in html
    assert '<form class="search"' in html
    if query.get("q", "").strip() and len(query["q"]) <= 200:
        assert f'value="{query["q"]}"' in html


def test_tracking_tags_and_empty_fields_do_not_break_a_shared_link(client):
    html = page(client, q="Thailand", lat="", lon="", date="", utm_source="newsletter")
    assert "Kratom is legal but regulated in Thailand" in html


def test_a_failure_inside_is_a_500_page_that_keeps_the_search_box(client, monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(answers, "answer", broken)
    html = page(client, 500, q="Oceanside, CA")
    assert "failed to answer" in html and '<form class="search"' in html and "boom" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/lookup?q=%00%01",
        "/lookup?q=%F0%9F%99%82",
        "/lookup?q=%EF%BC%B3arasota",
        "/lookup?q='%3B+DROP+TABLE+rules%3B+--",
        "/lookup?q=%E2%80%AE",
        "/lookup?q=a&q=b",
        "/lookup?lat=1e400&lon=0",
        "/lookup?lat=nan&lon=nan",
        "/lookup?lat=%EF%BC%91&lon=%EF%BC%92",
        "/lookup?q=Tampa&date=9999-99-99",
        "/lookup?q=Tampa&date=%00",
        "/j/ocd-division/country:us/../../etc/passwd",
        "/j/ocd-division/country:us?date=soon",
        "/?substance=%00",
        "/changes?page=%00",
    ],
)
def test_odd_input_never_breaks_a_page(client, path):
    response = client.get(path)
    assert response.status_code in (200, 400, 404), path
    assert response.mimetype == "text/html"
