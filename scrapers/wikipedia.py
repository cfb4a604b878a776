"""Wikipedia's Mitragyna speciosa article, legal-status section, through the MediaWiki API.

A cheap revisions query comes first: when its answer (the latest revision id) has not changed
since the last good run, the article is not fetched again. The section is prose, one subsection
per country; each is read for a status word. Secondary: Wikipedia has been wrong (Florida).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

from .base import Scraper, Trust, clean
from .errors import EmptyScrape, ParseError
from .places import US, country_id

PAGE = "Mitragyna_speciosa"
SECTION = re.compile(r"legal status|legality|regulation", re.I)
NEGATED = re.compile(
    r"\b(?:not|no longer|never)\s+(?:\w+\s+){0,2}?"
    r"(?:controlled|scheduled|banned|illegal|prohibited)",
    re.I,
)
BANNED_WORDS = r"\billegal|\bbanned|\bprohibit|\bcontrolled|\bnarcotic|\bschedul|\boffen[cs]e"
STATUS_WORDS = (
    ("regulated", re.compile(r"\bregulat|\blicen[cs]|\bonly to adults|\bprescription", re.I)),
    ("banned", re.compile(BANNED_WORDS, re.I)),
    ("legal", re.compile(r"\blegal\b|\buncontrolled\b", re.I)),
)


def status_of(text: str) -> str | None:
    """The status a country's paragraph states first; a negated ban reads as legal."""
    first = re.split(r"(?<=[.;])\s", clean(text), maxsplit=1)[0]
    first = NEGATED.sub(" legal ", first)
    for status, pattern in STATUS_WORDS:
        if pattern.search(first):
            return status
    return None


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
        for country, text in self._sections(page):
            status = status_of(text)
            if status is not None:
                yield self.observe(
                    page,
                    native_id=f"{revision}:{country.rsplit(':', 1)[-1]}",
                    excerpt=text,
                    kind="rule",
                    jurisdiction_id=country,
                    substance="kratom",
                    status=status,
                    source_url=f"{self.home_url}?oldid={revision}",
                    citation=f"Wikipedia, Mitragyna speciosa, revision {revision}",
                )

    def _sections(self, page):
        payload = page.json()
        html = (payload.get("parse") or {}).get("text") if isinstance(payload, dict) else None
        if not isinstance(html, str):
            raise ParseError(f"{page.key}: no parse.text in the MediaWiki answer")
        from bs4 import BeautifulSoup

        heading = _section_heading(BeautifulSoup(html, "html.parser"))
        found = list(_country_paragraphs(heading))
        if not found:
            raise EmptyScrape(f"{page.key}: no country subsections under the legal-status heading")
        return found


def _latest_revision(page) -> int:
    payload = page.json()
    try:
        return int(payload["query"]["pages"][0]["revisions"][0]["revid"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise ParseError(f"{page.key}: no revision id in the MediaWiki answer") from None


def _block(tag):
    """Newer MediaWiki wraps each heading in <div class="mw-heading">; step out of it."""
    parent = tag.parent
    return parent if parent is not None and "mw-heading" in (parent.get("class") or []) else tag


def _section_heading(soup: BeautifulSoup):
    for tag in soup.find_all("h2"):
        if SECTION.search(tag.get_text()):
            return _block(tag)
    raise EmptyScrape("parse.json: no legal-status section; the article layout may have changed")


def _country_paragraphs(heading):
    country, texts = None, []
    for node in heading.find_next_siblings():
        inner = node.find(["h2", "h3", "h4"]) if node.name == "div" else node
        level = inner.name if inner is not None and inner.name in ("h2", "h3", "h4") else None
        if level == "h2":
            break
        if level:
            if country and texts:
                yield country, " ".join(texts)
            found = country_id(clean(inner.get_text()))
            country, texts = (found if found != US else None), []
        elif node.name == "p" and country:
            texts.append(clean(node.get_text(" ")))
    if country and texts:
        yield country, " ".join(texts)
