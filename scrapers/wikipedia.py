"""Wikipedia's Mitragyna speciosa article, legal-status section, through the MediaWiki API.

A cheap revisions query comes first: when its answer (the latest revision id) has not changed
since the last good run, the article is not fetched again. The section ("Regulation") is prose
under region and country subsections; `wiki_statements` reads it sentence by sentence, and each
country's latest dated statement is its claim. Both heading markups are read: the one MediaWiki
1.44 made the default (`<div class="mw-heading"><h3>...</h3><span class="mw-editsection">`) and
the older one (`<h3><span class="mw-headline">...</span><span class="mw-editsection">`).
Secondary: Wikipedia has been wrong (Florida). The United States subsection is left to the
federal and state sources.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

from .base import Scraper, Trust, clean
from .errors import EmptyScrape, ParseError
from .places import US, country_id
from .wiki_statements import latest, statements

PAGE = "Mitragyna_speciosa"
SECTION = re.compile(r"legal status|legality|regulation", re.I)
HEADINGS = ("h2", "h3", "h4", "h5")


class Wikipedia(Scraper):
    name = "wikipedia"
    title = "Wikipedia: Mitragyna speciosa, legal status"
    home_url = "https://en.wikipedia.org/wiki/Mitragyna_speciosa"
    base_url = "https://en.wikipedia.org"
    trust = Trust("secondary", "low", coarse=True)
    interval_minutes = 1440
    robots_txt = False  # the MediaWiki API is meant for programs (API etiquette applies)

    def _api(self, key: str, **params):
        return self.fetch(key, "/w/api.php", {**params, "format": "json", "formatversion": "2"})

    def scrape(self):
        revisions = self._api(
            "revisions.json", action="query", prop="revisions", titles=PAGE, rvprop="ids|timestamp"
        )
        if revisions.unchanged:
            return
        revision = _latest_revision(revisions)
        page = self._api("parse.json", action="parse", oldid=str(revision), prop="text|revid")
        for country, statement in sorted(latest(self._statements(page)).items()):
            yield self.observe(
                page,
                native_id=f"{revision}:{country.rsplit(':', 1)[-1]}",
                excerpt=statement.text,
                kind="rule",
                jurisdiction_id=country,
                substance="kratom",
                status=statement.status,
                source_url=f"{self.home_url}?oldid={revision}",
                citation=f"Wikipedia, Mitragyna speciosa, revision {revision}",
            )

    def _statements(self, page):
        payload = page.json()
        html = (payload.get("parse") or {}).get("text") if isinstance(payload, dict) else None
        if not isinstance(html, str):
            raise ParseError(f"{page.key}: no parse.text in the MediaWiki answer")
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "html.parser")
        for noise in soup.select("sup.reference, style, .mw-editsection, .reference"):
            noise.decompose()  # footnote marks ("[12]") would glue sentences together
        heading = _section_heading(soup)
        found, subsections = [], 0
        for country, paragraph in _paragraphs(heading):
            subsections += 1
            found += statements(paragraph, country)
        if not subsections:
            raise EmptyScrape(f"{page.key}: no text under the legal-status heading")
        self.records_read += subsections
        return found


def _latest_revision(page) -> int:
    payload = page.json()
    try:
        return int(payload["query"]["pages"][0]["revisions"][0]["revid"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise ParseError(f"{page.key}: no revision id in the MediaWiki answer") from None


def _heading(node) -> Tag | None:
    """The heading a block is: an <hN> itself, or the <hN> inside a newer `mw-heading` div."""
    if node.name in HEADINGS:
        return node
    if node.name == "div" and "mw-heading" in (node.get("class") or []):
        return node.find(HEADINGS)
    return None


def heading_text(tag) -> str:
    """A heading's words without its "[edit]" link, in either markup."""
    headline = tag.find(class_="mw-headline")
    if headline is not None:
        return clean(headline.get_text(" "))
    for edit in tag.find_all(class_="mw-editsection"):
        edit.extract()
    return clean(tag.get_text(" "))


def _block(tag):
    parent = tag.parent
    return parent if parent is not None and "mw-heading" in (parent.get("class") or []) else tag


def _section_heading(soup: BeautifulSoup):
    for tag in soup.find_all("h2"):
        if SECTION.search(heading_text(tag)):
            return _block(tag)
    raise EmptyScrape("parse.json: no legal-status section; the article layout may have changed")


def _paragraphs(section):
    """(country of the subsection or None, paragraph text) for each paragraph or list item
    of the section; the United States subsection and those under it are skipped."""
    country: str | None = None
    levels: dict[str, str | None] = {}
    for node in section.find_next_siblings():
        heading = _heading(node)
        if heading is not None:
            if heading.name == "h2":
                return
            levels = {k: v for k, v in levels.items() if k < heading.name}
            levels[heading.name] = country_id(heading_text(heading))
            country = next((v for k, v in sorted(levels.items(), reverse=True) if v), None)
            continue
        if country == US or US in levels.values():
            continue
        for text in _texts(node):
            yield country, text


def _texts(node) -> list[str]:
    if node.name == "p":
        return [clean(node.get_text(" "))]
    if node.name in ("ul", "ol"):
        return [clean(item.get_text(" ")) for item in node.find_all("li")]
    return []
