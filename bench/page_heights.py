"""How tall the pages are, and how far down each answer's headline ends, in Debian's headless
Chromium at a desktop (1280 x 900) and a phone (390 x 844) viewport, in one run.

    python -m bench.page_heights

Builds a fresh SQLite database with the curated load (and the test suite's scenario files,
for the Wyoming counties), serves the app on loopback and prints, per page: the full height
in pixels and in screens of its viewport, and for answer pages where the last line of the
second headline card ends (it must be inside the first screen on a phone). Figures are in
docs/PAGES.md.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browserhelp import DESKTOP, PHONE, LiveServer, launch, served_app
from tests.conftest import build_database

PAGES = {
    "answer: Nashville, TN the day before the ban": "/lookup?q=Nashville,+TN&date=2026-06-30",
    "answer: Oceanside, CA (city ban)": "/lookup?q=Oceanside,+CA",
    "answer: Sarasota County, FL (county ban)": "/lookup?q=Sarasota+County,+FL",
    "answer: Cheyenne, WY (town in a scoped county)": "/lookup?q=Cheyenne,+WY",
    "answer: Thailand": "/lookup?q=Thailand",
    "answer: Laramie County, WY (scope unknown)": "/lookup?q=Laramie+County,+WY",
    "answer: ZIP 64111 (spans counties)": "/lookup?q=64111",
    "home": "/",
    "state: Mississippi (its local laws listed first)": "/j/ocd-division/country:us/state:ms",
    "state: Tennessee": "/j/ocd-division/country:us/state:tn",
}
FIRST_SCREEN = "section.verdict:last-of-type .next"


def measure(page, url: str) -> tuple[int, int | None]:
    page.goto(url)
    height = page.evaluate("document.documentElement.scrollHeight")
    headline = page.locator(FIRST_SCREEN)
    if not headline.count():
        return height, None
    box = headline.bounding_box()
    return height, round(box["y"] + box["height"])


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kratom-heights-"))
    database = folder / "template.sqlite3"
    build_database(f"sqlite:///{database}", folder / "build")
    app = served_app(database, folder)
    with LiveServer(app) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        for label, viewport in (("desktop 1280x900", DESKTOP), ("phone 390x844", PHONE)):
            page = browser.new_context(viewport=viewport).new_page()
            print(f"\n{label}")
            for name, path in PAGES.items():
                height, headline_end = measure(page, server.url + path)
                screens = height / viewport["height"]
                end = f", headlines end at {headline_end} px" if headline_end else ""
                print(f"  {name}: {height} px ({screens:.1f} screens){end}")
        browser.close()


if __name__ == "__main__":
    main()
