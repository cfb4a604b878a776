"""StatuteMap's kratom tracker: three pages listing states as banned, legal or restricted.

A secondary source: it lags the law (its lists carry a last-checked date) and has no dates of
its own. Each page must list at least one state; a page with none has changed its layout.
"""

from __future__ import annotations

from .base import Scraper, Trust, clean, html_page
from .errors import EmptyScrape, ParseError
from .places import us_state_id

PAGES = (
    ("banned", "/kratom/banned-states"),
    ("legal", "/kratom/legal-states"),
    ("restricted", "/kratom/restricted-states"),
)


class StatuteMap(Scraper):
    name = "statutemap"
    title = "StatuteMap kratom state tracker"
    home_url = "https://www.statutemap.com/kratom"
    base_url = "https://www.statutemap.com"
    trust = Trust("secondary", "low", coarse=True)
    interval_minutes = 1440

    def scrape(self):
        for status, path in PAGES:
            page = self.fetch(f"{status}-states.html", path)
            if not page.unchanged:
                yield from self._page(page, status)

    def _page(self, page, status: str):
        cards = html_page(page).select(".state-card")
        if not cards:
            raise EmptyScrape(f"{page.key}: no states listed; the page layout may have changed")
        for card in cards:
            heading = card.find(["h2", "h3"])
            name = clean(heading.get_text()) if heading else ""
            jurisdiction = us_state_id(name)
            if jurisdiction is None:
                raise ParseError(f"{page.key}: {name!r} is not a US state")
            yield self.observe(
                page,
                native_id=f"{status}:{jurisdiction.rsplit(':', 1)[-1]}",
                excerpt=clean(card.get_text(" ")),
                kind="rule",
                jurisdiction_id=jurisdiction,
                substance="kratom",
                status=status,
            )
