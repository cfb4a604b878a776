"""Settings of the sources and the scrape jobs: polite fetching, intervals, replays, and the
settings each source declares on its own class."""

from __future__ import annotations

from scrapers import SCRAPERS
from scrapers.legistar import status_map

from . import parsers
from .setting import Setting

KINDS = {
    "api_key": parsers.api_key,
    "clients": parsers.division_map,
    "count": parsers.positive_int,
    "status_map": status_map,
}


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
        "SCRAPE_RETRY_AFTER_MAX_SECONDS",
        60.0,
        "Longest wait a source's Retry-After header can impose before a retry; a source asking "
        "for more gets this much, then the retry (and the run fails if it is refused again).",
        parsers.seconds,
    ),
    Setting(
        "SCRAPE_KEEP_FAILED_DAYS",
        30,
        "Days the raw responses of a failed run are kept (at most 20 per run, 1 MB each) to "
        "explain the failure.",
        parsers.positive_int,
    ),
    Setting(
        "SOURCE_ALERT_FAILED_RUNS",
        3,
        "Failed runs in a row after which a source is reported failing (a run with a failed "
        "part, such as one Legistar city, counts as failed).",
        parsers.positive_int,
    ),
    Setting(
        "SOURCE_ALERT_SILENT_DAYS",
        3,
        "Days without a successful run after which a source is reported silent (also catches "
        "a clock that stopped running it).",
        parsers.positive_int,
    ),
    Setting(
        "SOURCE_ALERT_MINUTES",
        15,
        "How often the clock checks source health and emails the operator.",
        parsers.positive_int,
    ),
    Setting(
        "OPERATOR_EMAIL",
        None,
        "Address told by email when a source starts failing or goes silent, and when it "
        "recovers (once each). Unset: incidents show only on /status and /status.atom.",
        parsers.email,
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
