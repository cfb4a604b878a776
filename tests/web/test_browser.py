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
PAGE_TYPES = {
    "home": "/",
    "answer": "/lookup?q=Oceanside%2C+CA",
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
    heading = page.get_by_role("heading", name="Kratom is banned in Oceanside, California")
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
    minor = {name: [v["id"] for v in violations] for name, violations in found.items()}
    print("axe violations below serious:", minor)


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
        for name, path in (("home", "/"), ("answer", "/lookup?q=Oceanside%2C+CA")):
            page.goto(site + path)
            shot = folder / f"{name}-{label}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 10_000
        context.close()
