"""The scraper base: a scraper is a small generator of observations; the base owns fetching,
skipping unchanged responses, validation and the empty-run check (after Open States)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol
from urllib.parse import urljoin

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

from .errors import EmptyScrape, ParseError, SourceDisabled
from .observation import Observation, validate
from .snapshot import Memo, Snapshot


class SupportsGet(Protocol):
    def get(self, key: str, url: str, params=None, memo: Memo | None = None, robots=True): ...


@dataclass
class ScrapeResult:
    observations: list[Observation]
    snapshots: list[Snapshot]

    @property
    def unchanged(self) -> bool:
        """Every response was the same as the last good run's, so nothing was parsed."""
        return all(s.unchanged for s in self.snapshots)


@dataclass
class ScraperSettings:
    api_key: str | None = None
    clients: Mapping[str, str] = field(default_factory=dict)


class Scraper:
    """Subclasses set the class attributes and write `scrape()`, yielding observations."""

    name: ClassVar[str]
    title: ClassVar[str]
    home_url: ClassVar[str]
    base_url: ClassVar[str]
    interval_minutes: ClassVar[int] = 1440
    empty_ok: ClassVar[bool] = False  # True where finding nothing is a normal answer
    robots_txt: ClassVar[bool] = True

    def __init__(
        self,
        fetcher: SupportsGet,
        memo: Mapping[str, Memo] | None = None,
        settings: ScraperSettings | None = None,
        base_url: str | None = None,
    ):
        self.fetcher = fetcher
        self.memo = dict(memo or {})
        self.settings = settings or ScraperSettings()
        self.base = base_url or self.base_url
        self.snapshots: list[Snapshot] = []

    def disabled_reason(self) -> str | None:
        """Why this source cannot run with the current settings, or None."""
        return None

    def scrape(self) -> Iterator[Observation]:
        raise NotImplementedError

    def fetch(self, key: str, path: str, params=None) -> Snapshot:
        snapshot = self.fetcher.get(
            key, urljoin(self.base, path), params, memo=self.memo.get(key), robots=self.robots_txt
        )
        self.snapshots.append(snapshot)
        return snapshot

    def run(self) -> ScrapeResult:
        reason = self.disabled_reason()
        if reason:
            raise SourceDisabled(reason)
        observations = []
        for observation in self.scrape():
            validate(observation)
            observations.append(observation)
        result = ScrapeResult(observations, self.snapshots)
        if not observations and not result.unchanged and not self.empty_ok:
            raise EmptyScrape(f"{self.name}: the run found nothing; has the source changed?")
        return result

    def observe(self, snapshot: Snapshot, native_id: str, excerpt: str, **claim) -> Observation:
        """An observation read from `snapshot`; `source_url` defaults to the snapshot's URL."""
        claim.setdefault("source_url", snapshot.url)
        return Observation(
            source=self.name,
            native_id=native_id,
            retrieved_at=snapshot.retrieved_at,
            excerpt=clean(excerpt)[:500] or "(no text)",
            content_hash=snapshot.content_hash,
            **claim,
        )


def parse_day(value) -> date | None:
    """A YYYY-MM-DD day from a source; anything else there means its format changed."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        raise ParseError(f"not a YYYY-MM-DD date: {value!r}") from None


def clean(text: str | None) -> str:
    """Collapse runs of whitespace, as pages and APIs both pad text oddly."""
    return " ".join((text or "").split())


def html_page(snapshot: Snapshot) -> BeautifulSoup:
    """A whole HTML page; one that stops before </html> was cut short and is refused."""
    text = snapshot.text()
    if "</html>" not in text[-2000:].lower():
        raise ParseError(f"{snapshot.key}: the page ends before </html> (truncated?)")
    from bs4 import BeautifulSoup  # only scraping processes parse HTML

    return BeautifulSoup(text, "html.parser")
