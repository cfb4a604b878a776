"""The configured sources: each scraper with its settings, interval, trust policy and fetcher."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scrapers import SCRAPERS, redact
from scrapers.base import Scraper, ScraperSettings
from scrapers.http import Fetcher, FetchPolicy
from scrapers.replay import ReplayFetcher
from scrapers.snapshot import Memo
from service.config import PROJECT_ROOT
from service.db import db, utcnow

from .quota import DatabaseBudget

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "scrapers"
REPLAY_KEY = "replay-only-key"  # never sent anywhere: replays read files


def names() -> list[str]:
    return list(SCRAPERS)


def title_of(name: str) -> str:
    return SCRAPERS[name].title if name in SCRAPERS else name


def interval_minutes(config: Mapping, name: str) -> int:
    return config["SCRAPE_INTERVALS"].get(name, SCRAPERS[name].interval_minutes)


def fetch_policy(config: Mapping) -> FetchPolicy:
    return FetchPolicy(
        contact=config["SCRAPER_CONTACT"],
        timeout=config["SCRAPE_TIMEOUT_SECONDS"],
        retries=config["SCRAPE_RETRIES"],
        backoff=config["SCRAPE_BACKOFF_SECONDS"],
        max_bytes=config["SCRAPE_MAX_BYTES"],
        max_redirects=config["SCRAPE_MAX_REDIRECTS"],
        delay=config["SCRAPE_DELAY_SECONDS"],
        retry_after_max=config["SCRAPE_RETRY_AFTER_MAX_SECONDS"],
    )


def scraper_settings(config: Mapping, name: str, replay: bool = False) -> ScraperSettings:
    """The values of the settings a source declares; replays stand in for missing keys."""
    values = {}
    for setting in SCRAPERS[name].needs:
        value = config[setting.name]
        if not value and replay and setting.kind == "api_key":
            value = REPLAY_KEY
        values[setting.name] = value
    return values


def replay_folder(root: Path, name: str) -> Path:
    """`root/<name>` when it exists (a folder of sources), else `root` itself (one source)."""
    return root / name if (root / name).is_dir() else root


def build(
    config: Mapping,
    name: str,
    memo: Mapping[str, Memo] | None = None,
    replay: Path | None = None,
    **overrides,
) -> Scraper:
    """The scraper for `name`, fetching live or, with `replay`, from recorded responses (which
    spend none of its query budget). `overrides` (`fetcher`, `base_url`, `budget`) point it
    elsewhere, as tests do."""
    scraper = SCRAPERS[name]
    if replay is not None:
        overrides.setdefault("fetcher", ReplayFetcher(replay_folder(replay, name)))
    elif scraper.quota:
        overrides.setdefault("budget", budget(config, name))
    overrides.setdefault("fetcher", Fetcher(fetch_policy(config)))
    settings = scraper_settings(config, name, replay=replay is not None)
    redact.remember(*(v for k, v in settings.items() if _secret(name, k)))
    return scraper(memo=memo, settings=settings, **overrides)


def budget(config: Mapping, name: str) -> DatabaseBudget:
    """The source's monthly query budget, kept in the database."""
    return DatabaseBudget(db.engine, name, config[SCRAPERS[name].quota], utcnow())


def _secret(name: str, setting: str) -> bool:
    return any(n.name == setting and n.kind == "api_key" for n in SCRAPERS[name].needs)


def disabled_reason(config: Mapping, name: str) -> str | None:
    scraper = SCRAPERS[name](None, settings=scraper_settings(config, name))
    return scraper.disabled_reason()
