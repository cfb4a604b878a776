"""The headline a person reads first: never contradicted by its details, with what it means,
who decides and since when, the next change and how far away it is, and its doubts."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from jurisdictions.law.reader import LAWS_DIR as LAWS
from service.answers.phrases import Permissions
from service.web.headlines import how_far, window

DAY_BEFORE_BAN = "2026-06-30"  # Tennessee's statewide ban starts on 1 July 2026


@pytest.fixture
def backend():
    return "sqlite"  # pages read the rule snapshot


def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return unescape(response.get_data(as_text=True))


def cards(html: str) -> list[str]:
    """Each substance's headline card, as text."""
    found = re.findall(r'<section class="verdict.*?</section>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card)).strip() for card in found]


def permissions(status, min_age=None, **activities):
    permission = {"possess": "allowed", "buy": "allowed", "sell": "allowed", "make": "allowed"}
    permission |= activities
    age = {a: min_age if p == "age_limited" else None for a, p in permission.items()}
    return Permissions(status, permission, age)


@pytest.mark.parametrize(
    ("given", "phrase"),
    [
        (
            permissions("banned", possess="prohibited", buy="prohibited", sell="prohibited"),
            "Banned",
        ),
        (permissions("banned", sell="prohibited"), "Sale banned; possession is not an offence"),
        (
            permissions("banned", 21, sell="prohibited", possess="age_limited", buy="age_limited"),
            "Sale banned; possession is legal from age 21",
        ),
        (
            permissions("regulated", 21, buy="age_limited", sell="conditions"),
            "Legal from 21, regulated",
        ),
        (permissions("restricted", 18, buy="age_limited"), "Legal from 18, restricted"),
        (permissions("legal"), "Legal, no law"),
    ],
)
def test_a_status_never_contradicts_what_it_means(given, phrase):
    assert given.full_phrase == phrase


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "tomorrow"),
        (5, "in 5 days"),
        (35, "in 5 weeks"),
        (92, "in 3 months"),
        (800, "in 2 years"),
    ],
)
def test_how_far_a_change_is(days, words):
    assert (
        how_far(date.fromordinal(date(2026, 6, 30).toordinal() + days), date(2026, 6, 30)) == words
    )


def test_the_day_before_a_ban_says_so_in_the_headline(client):
    html = page(client, f"/lookup?q=Nashville,TN&date={DAY_BEFORE_BAN}")
    kratom, seven = cards(html)
    assert kratom.startswith("Legal from 21, regulated Kratom is legal but regulated in Nashville")
    assert "Possessing and buying only from age 21" in kratom
    assert "Decided by Tennessee (state law) since 2018" in kratom
    assert "Banned from 1 July 2026 — tomorrow (Tennessee)" in kratom
    assert seven.startswith("Sale banned 7-OH sale is banned in Nashville, Tennessee; possession")
    assert "Banned from 1 July 2026 — tomorrow (Tennessee)" in seven
    assert "Minimum age" not in html  # the age is said with what it limits


def test_coming_changes_list_only_what_changes_this_answer(client):
    html = page(client, f"/lookup?q=Nashville,TN&date={DAY_BEFORE_BAN}")
    coming = html[html.index('id="upcoming-title"') : html.index('id="chain-title"')]
    assert "1 July 2026</strong> (tomorrow): Tennessee makes kratom banned" in coming
    # 7-OH: a ban on selling becomes a ban on possessing too, the same status but a new answer
    assert "(tomorrow): Tennessee makes 7-OH banned" in coming
    assert "2028" not in coming  # a lapse of law on other compounds is not this answer


def test_each_rule_lists_its_own_sources_primary_first_with_kind_and_confidence(client):
    html = page(client, "/lookup?q=Sarasota+County,+FL")
    table = html[html.index('<table class="chain">') : html.index("</table>")]
    for details in re.findall(r'<details class="rule-sources">.*?</details>', table, re.S):
        assert re.search(r"confidence (high|medium|low)", details)
        kinds = re.findall(r"\((primary|secondary)\), retrieved", details)
        assert kinds and kinds == sorted(kinds)  # "primary" sorts before "secondary"


def test_a_scoped_county_says_the_answer_is_not_certain(client):
    kratom, _ = cards(page(client, "/lookup?q=Laramie+County,+WY"))
    assert kratom.startswith("Banned Kratom may be banned in Laramie County, Wyoming")
    assert "Not certain." in kratom and "only land outside its cities and towns" in kratom
    inside, _ = cards(page(client, "/lookup?q=Cheyenne,+WY"))
    assert "Kratom is legal but regulated in Cheyenne, Wyoming" in inside


def test_an_approximate_place_says_so_in_the_headline(client):
    kratom, _ = cards(page(client, "/lookup?q=64111"))
    assert "may be" in kratom and "Not certain." in kratom


def test_a_ban_months_away_is_in_the_headline(client):
    kratom, _ = cards(page(client, "/lookup?q=Teton+County,+WY&date=2026-11-30"))
    assert "Banned from 1 January 2027 — in 5 weeks (Teton County)" in kratom


def test_the_jurisdiction_page_lists_local_law_before_its_own_rules(client):
    html = page(client, "/j/ocd-division/country:us/state:ms")
    local = html.index('id="children-title"')
    assert html.index('class="verdicts"') < local < html.index('id="own-title"')
    files = [f.name for f in (LAWS / "country-us" / "state-ms").glob("*.yaml")]
    counties = sum(1 for name in files if name.startswith("county-"))
    cities = len(files) - counties
    assert f"{counties} counties and {cities} cities and towns here have law of their own" in html
    assert html.count("outside its towns only") >= 10


def test_the_jurisdiction_page_says_each_summary_once(client):
    html = page(client, "/j/ocd-division/country:us/state:tn")
    summary = "Since the 2018 act, adults 21 and over may buy and possess kratom"
    assert html.count(summary) == 1


def test_a_provinces_page_does_not_call_it_a_state(client):
    html = page(client, "/lookup?q=Ontario,+Canada")
    assert "Found as a province." in html and "a state" not in html


def test_a_zip_code_is_found_as_a_zip_code(client):
    html = page(client, "/lookup?q=90210")
    assert "Found as a ZIP code" in html and "Found as a county" not in html


@pytest.mark.parametrize(
    ("first", "last", "said"),
    [
        (date(2026, 8, 1), date(2026, 8, 1), "1 August 2026"),
        (date(2026, 8, 1), date(2026, 8, 31), "August 2026"),
        (date(2026, 2, 1), date(2026, 2, 28), "February 2026"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (date(2025, 6, 1), date(2025, 6, 15), "between 1 June 2025 and 15 June 2025"),
    ],
)
def test_a_change_day_is_said_as_precisely_as_it_is_known(first, last, said):
    assert window(first, last) == said


def test_a_change_known_only_to_the_month_is_not_given_a_day(client):
    # Massachusetts' emergency order is dated in the curated data only to August 2026
    kratom, _ = cards(page(client, "/lookup?q=Boston,+MA&date=2026-07-30"))
    assert "Banned from August 2026 — in 2 days at the earliest (Massachusetts)" in kratom


def test_the_other_possibilities_say_their_status_as_the_headline_does(client):
    html = page(client, "/lookup?q=Laramie+County,+WY")
    others = html[html.index('id="alternatives-title"') : html.index('id="upcoming-title"')]
    assert re.search(r'7-OH <span class="badge st-\w+">Sale banned</span>', others)
