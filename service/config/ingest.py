"""Settings of the sources and the scrape jobs: polite fetching, intervals, replays, and the
settings each source declares on its own class."""

from __future__ import annotations

from scrapers import SCRAPERS

from . import parsers
from .setting import Setting

KINDS = {"api_key": parsers.api_key, "clients": parsers.division_map}


def intervals(raw: str) -> dict[str, int]:
    """`source=minutes,...` overriding each source's own interval."""
    found = {}
    for name, minutes in parsers.pairs(raw):
        if name not in SCRAPERS:
            raise ValueError(f"no source is called {name!r} (sources: {', '.join(SCRAPERS)})")
        try:
            found[name] = parsers.positive_int(minutes)
        except ValueError:
            raise ValueError(f"{name}: {minutes!r} is not a positive number of minutes") from None
    return found


def source_settings() -> tuple[Setting, ...]:
    """The settings each source declares on its scraper class."""
    return tuple(
        Setting(need.name, need.default, need.help, KINDS[need.kind])
        for scraper in SCRAPERS.values()
        for need in scraper.needs
    )


INGEST = (
    Setting(
        "SCRAPER_CONTACT",
        "kratom-law-operator@example.org",
        "Email address or URL sent in the scrapers' User-Agent so sites can reach the operator; "
        "set a real one in production.",
        parsers.contact,
    ),
    Setting(
        "SCRAPE_INTERVALS",
        {},
        "Per-source polling intervals in minutes overriding the defaults, e.g. "
        "federal_register=120,wikipedia=2880.",
        intervals,
    ),
    Setting(
        "SCRAPE_TIMEOUT_SECONDS", 20.0, "Timeout of one HTTP request, in seconds.", parsers.timeout
    ),
    Setting(
        "SCRAPE_RETRIES",
        3,
        "Retries of a failed request (5xx, 429, network).",
        parsers.whole_number,
    ),
    Setting(
        "SCRAPE_BACKOFF_SECONDS",
        1.0,
        "Backoff factor between retries, in seconds.",
        parsers.seconds,
    ),
    Setting(
        "SCRAPE_MAX_BYTES",
        5_000_000,
        "Largest response a scraper accepts, in bytes.",
        parsers.positive_int,
    ),
    Setting(
        "SCRAPE_MAX_REDIRECTS", 5, "Redirects followed before giving up.", parsers.whole_number
    ),
    Setting(
        "SCRAPE_DELAY_SECONDS", 1.0, "Least time between two requests to one host.", parsers.seconds
    ),
    Setting(
        "SCRAPE_REPLAY_DIR",
        None,
        "When set, the clock runs every source against recorded responses in this folder (one "
        "subfolder per source) instead of the web: for demonstrations and tests.",
        parsers.directory,
    ),
    *source_settings(),
)
