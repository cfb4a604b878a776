"""Why a scrape failed, in words a person can act on."""

from __future__ import annotations


class ScrapeError(Exception):
    """A run that cannot produce trustworthy observations; the message is its reason."""

    outcome = "failed"

    @property
    def reason(self) -> str:
        return str(self)


class FetchError(ScrapeError):
    """The source could not be fetched: network, HTTP status, size or redirect trouble.
    `snapshot` holds the error answer (its body capped) when the source sent one."""

    def __init__(self, message: str, snapshot=None):
        super().__init__(message)
        self.snapshot = snapshot


class QuotaExhausted(ScrapeError):
    """The source's query budget for the month would be passed by one more query."""


class ParseError(ScrapeError):
    """The source answered, but not in the shape its scraper knows."""


class EmptyScrape(ScrapeError):
    """A run found nothing where something was expected (often a changed page layout)."""


class InvalidObservation(ScrapeError):
    """A scraper built an observation that breaks the observation schema."""


class SourceDisabled(ScrapeError):
    """The source needs configuration it does not have (an API key, a client list)."""

    outcome = "disabled"
