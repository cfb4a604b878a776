"""The pages in a real headless Chromium: search, candidates, location, the map, the keyboard,
errors, accessibility (axe-core) and phone widths. Screenshots go to KRATOM_SCREENSHOTS
(`make screenshots` sets docs/screenshots) or a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browserhelp import DESKTOP, PHONE, LiveServer, axe_violations, launch, served_app
from tests.changehelp import add_news

pytestmark = pytest.mark.browser
TN = "ocd-division/country:us/state:tn"
SARASOTA_POINT = {"latitude": 27.3364, "longitude": -82.5307}
DAY_BEFORE_BAN = "/lookup?q=Nashville%2C+TN&date=2026-06-30"
SCOPED_COUNTY = "/lookup?q=Laramie+County%2C+WY"
PAGE_TYPES = {
    "home": "/",
    "home the day before a ban": "/?date=2026-06-30",
    "answer": "/lookup?q=Oceanside%2C+CA",
    "the day before a ban": DAY_BEFORE_BAN,
    "scoped county": SCOPED_COUNTY,
    "state with local bans": "/j/ocd-division/country:us/state:ms",
    "sign-up": "/subscribe?q=Springfield",
    "api reference": "/api/docs",
    "approximate answer": "/lookup?q=64111",
    "candidates": "/lookup?q=Springfield",
    "jurisdiction": "/j/ocd-division/country:us/state:fl",
    "changes": "/changes",
    "status": "/status",
    "api": "/developers",
    "400": "/lookup?q=",
    "404": "/lookup?q=qwzxv+plorp",
}


@pytest.fixture(scope="module")
def site(sqlite_template, tmp_path_factory):
    app = served_app(sqlite_template, tmp_path_factory.mktemp("browser"))
    add_news(app)
    with LiveServer(app) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_search_to_answer(page, site):
    page.goto(site + "/")
    page.get_by_label("City, county, state, ZIP code or country").fill("Oceanside, CA")
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**/lookup?q=Oceanside%2C+CA")
    assert page.locator("h1").inner_text() == "Oceanside, California"
    heading = page.get_by_role("heading", name="Kratom sale is banned in Oceanside, California")
    assert heading.is_visible()


def test_an_ambiguous_place_offers_candidates(page, site):
    page.goto(site + "/")
    page.locator("#q").fill("Springfield")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/lookup?q=Springfield")
    assert page.locator("h1").inner_text() == "Which “Springfield”?"
    page.get_by_role("link", name="Springfield, Illinois").click()
    page.wait_for_url("**/lookup?q=Springfield,+Illinois")
    assert page.locator("h1").inner_text() == "Springfield, Illinois"


def test_use_my_location_sends_the_granted_position(browser, site):
    context = browser.new_context(
        viewport=DESKTOP, geolocation=SARASOTA_POINT, permissions=["geolocation"]
    )
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**/lookup?lat=27.33640&lon=-82.53070")
    assert page.get_by_role("heading", name="Kratom is banned in").first.is_visible()
    assert "Found as a point on the map" in page.content()
    context.close()


def test_a_map_shape_opens_its_jurisdiction(page, site):
    page.goto(site + "/")
    page.locator(f'svg.map a[href="/j/{TN}"]').click()
    page.wait_for_url(f"**/j/{TN}")
    assert page.locator("h1").inner_text().startswith("Tennessee")


def test_the_7oh_switch_recolours_the_map_in_place(page, site):
    page.goto(site + "/")
    florida = page.locator('svg.map a[href="/j/ocd-division/country:us/state:fl"]')
    leaf = florida.evaluate("a => getComputedStyle(a).fill")
    page.get_by_role("link", name="7-OH products").click()
    assert page.locator("section.maps").get_attribute("class") == "maps o"
    assert page.url.endswith("?substance=7-oh#maps")
    assert (leaf, florida.evaluate("a => getComputedStyle(a).fill")) == (
        'url("#pr")',  # restricted (21+)
        'url("#pb")',
    )
    assert page.get_by_role("heading", name="Legend: 7-OH").is_visible()
    assert not page.get_by_role("heading", name="Legend: Kratom").is_visible()


def test_keyboard_only_search(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    focused = page.locator("#q")
    assert focused.evaluate("e => e === document.activeElement")
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.type("34236")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lookup?q=34236")
    assert page.locator("h1").inner_text().startswith("34236")


def test_an_error_page_keeps_the_search_box(page, site):
    response = page.goto(site + "/lookup?q=" + "x" * 201)
    assert response.status == 400
    assert page.locator("h1").inner_text() == "Check what you typed"
    page.locator("#q").fill("Thailand")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/lookup?q=Thailand")
    assert page.get_by_role("heading", name="Kratom is legal but regulated in Thailand").count()


def test_everything_works_without_javascript(browser, site):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    assert page.get_by_role("button", name="Use my location").is_hidden()
    page.get_by_role("link", name="7-OH products").click()
    page.wait_for_url("**/?substance=7-oh#maps")
    assert page.locator("section.maps").get_attribute("class") == "maps o"
    page.locator("#q").fill("Sarasota County, FL")
    page.locator("#q").press("Enter")
    assert page.get_by_role("heading", name="Kratom is banned in").count() == 1
    context.close()


def test_nothing_breaks_the_content_security_policy(page, site):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    for path in PAGE_TYPES.values():
        page.goto(site + path)
    page.goto(site + "/")
    page.get_by_role("link", name="7-OH products").click()
    assert page.locator("section.maps").get_attribute("class") == "maps o"  # the script ran
    assert refused == []


def test_no_serious_accessibility_violations(browser, site):
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        found[name] = axe_violations(page)
    page.evaluate("document.body.append(document.createElement('img'))")  # no alt text
    assert "image-alt" in {v["id"] for v in axe_violations(page)}, "axe is not checking"
    context.close()
    serious = {
        name: [v for v in violations if v["impact"] in ("serious", "critical")]
        for name, violations in found.items()
    }
    assert not any(serious.values()), serious
    assert not any(found.values()), found  # and none below serious either


SCREENSHOTS = {
    "home": "/?date=2026-06-30",
    "answer": DAY_BEFORE_BAN,
    "scoped-county": SCOPED_COUNTY,
    "state-with-local-bans": "/j/ocd-division/country:us/state:ms",
}
TYPICAL_ANSWERS = (
    DAY_BEFORE_BAN,
    "/lookup?q=Oceanside%2C+CA",
    "/lookup?q=Sarasota+County%2C+FL",
    "/lookup?q=Cheyenne%2C+WY",
    "/lookup?q=Thailand",
)


def test_pages_fit_a_phone_and_screenshots(browser, site, tmp_path):
    folder = Path(os.environ.get("KRATOM_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in PAGE_TYPES.items():
            page.goto(site + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} is {width}px wide on a {label}"
        for name, path in SCREENSHOTS.items():
            page.goto(site + path)
            shot = folder / f"{name}-{label}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 10_000
        signup_steps(page, site, folder, label)
        context.close()


def signup_steps(page, site, folder: Path, label: str) -> None:
    """The sign-up flow with an ambiguous name: the question, then the answer."""
    page.goto(site + "/subscribe")
    page.get_by_label("Place").fill("Springfield")
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_role("button", name="Email me when it changes").click()
    page.get_by_role("group", name="Which place do you mean?").wait_for()
    page.screenshot(path=folder / f"signup-choice-{label}.png", full_page=True)
    page.get_by_label("Springfield, Illinois").check()
    page.get_by_role("button", name="Email me when it changes").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    page.screenshot(path=folder / f"signup-sent-{label}.png", full_page=True)


FIRST_SCREEN = (
    DAY_BEFORE_BAN,
    SCOPED_COUNTY,
    "/lookup?q=Oceanside%2C+CA",
    "/lookup?q=Thailand",
    "/lookup?q=64111",
    "/lookup?lat=27.3880&lon=-82.4460",
    "/j/ocd-division/country:us/state:ms",
)


def test_the_headline_fits_the_first_phone_screen(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in FIRST_SCREEN:
        page.goto(site + path)
        for card in page.locator("section.verdict").all():
            for part in ("h2", ".means", ".who", ".next"):
                box = card.locator(part).bounding_box()
                bottom = box["y"] + box["height"]
                assert bottom <= PHONE["height"], f"{path}: {part} ends at {bottom:.0f}px"
    context.close()


def test_a_typical_answer_is_at_most_two_desktop_screens(page, site):
    for path in TYPICAL_ANSWERS:
        page.goto(site + path)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 2 * DESKTOP["height"], f"{path} is {height}px tall"


def test_the_day_before_a_ban_says_tomorrow_in_the_headline(page, site):
    page.goto(site + DAY_BEFORE_BAN)
    card = page.locator("section.verdict").first
    assert card.locator(".next").inner_text() == ("Banned from 1 July 2026 — tomorrow (Tennessee).")
    assert card.locator(".badge").inner_text() == "Legal from 21, regulated"


def test_the_home_map_marks_local_bans_and_coming_changes(page, site):
    page.goto(site + "/?date=2026-06-30")
    rings = page.locator("figure.map-us circle.lb.k")
    assert rings.count() > 50 and rings.first.is_visible()
    mississippi = page.locator("figure.map-us circle.lb title", has_text="Lee County")
    assert mississippi.count() == 1
    assert page.locator("figure.map-us path.sc").first.is_visible()
    page.get_by_role("link", name="Mississippi", exact=True).first.click()
    page.wait_for_url("**/j/ocd-division/country:us/state:ms")
    assert page.get_by_role("heading", name="Local law in Mississippi").is_visible()


def test_sign_up_from_an_answer_keeps_the_city(page, site):
    page.goto(site + DAY_BEFORE_BAN)
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_role("button", name="Email me when it changes").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert "Nashville, Tennessee" in page.locator("main strong").inner_text()
    page.get_by_role("link", name="Back to Nashville, Tennessee").click()
    assert page.locator("h1").inner_text() == "Nashville, Tennessee"


def test_an_ambiguous_sign_up_asks_with_nothing_chosen_and_the_error_beside_it(browser, site):
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)  # axe runs in the page
    page = context.new_page()
    page.goto(site + "/subscribe")
    page.get_by_label("Place").fill("Springfield")
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_role("button", name="Email me when it changes").click()
    choices = page.get_by_role("group", name="Which place do you mean?")
    choices.wait_for()
    assert page.locator("input[name=choice]:checked").count() == 0
    error = choices.get_by_role("alert")
    assert "names several places" in error.inner_text()
    first_choice = choices.locator("label").first.bounding_box()
    assert error.bounding_box()["y"] < first_choice["y"]  # beside the question, not below it
    assert axe_violations(page) == []
    page.goto(site + "/subscribe")
    page.get_by_label("Place").fill("Qwxyzzy Flarbington")
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_role("button", name="Email me when it changes").click()
    field = page.get_by_label("Place")
    assert field.get_attribute("aria-invalid") == "true"
    described = page.locator("#" + field.get_attribute("aria-describedby"))
    assert "no place matches" in described.inner_text().lower()
    assert axe_violations(page) == []
    context.close()
