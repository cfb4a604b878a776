"""How fresh each source is: its last run, its last success, and whether it has gone stale
(no success for three times its interval)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers import SCRAPERS

from . import sources
from .models import ScrapeRun
from .refresh import last_success
from .trust import policy_for

STALE_AFTER_INTERVALS = 3


@dataclass(frozen=True)
class SourceState:
    name: str
    title: str
    url: str
    trust: str
    interval_minutes: int
    disabled_reason: str | None
    last_run: ScrapeRun | None
    last_success_at: datetime | None
    stale: bool
    status: str


def latest_run(session: Session, name: str) -> ScrapeRun | None:
    return session.scalar(
        select(ScrapeRun)
        .where(ScrapeRun.source == name)
        .order_by(ScrapeRun.started_at.desc(), ScrapeRun.id.desc())
        .limit(1)
    )


def state_of(session: Session, config: Mapping, name: str, now: datetime) -> SourceState:
    interval = sources.interval_minutes(config, name)
    disabled = sources.disabled_reason(config, name)
    success = last_success(session, name)
    succeeded_at = success.finished_at if success else None
    limit = timedelta(minutes=interval * STALE_AFTER_INTERVALS)
    stale = disabled is None and (succeeded_at is None or now - succeeded_at > limit)
    last = latest_run(session, name)
    scraper = SCRAPERS[name]
    return SourceState(
        name=name,
        title=scraper.title,
        url=scraper.home_url,
        trust=policy_for(name).authority,
        interval_minutes=interval,
        disabled_reason=disabled,
        last_run=last,
        last_success_at=succeeded_at,
        stale=stale,
        status=_status(disabled, succeeded_at, stale, last),
    )


def _status(disabled, succeeded_at, stale: bool, last: ScrapeRun | None) -> str:
    if disabled:
        return "disabled"
    if succeeded_at is None:
        return "never succeeded"
    if stale:
        return "stale"
    return "failing" if last is not None and last.outcome == "failed" else "ok"


def source_states(session: Session, config: Mapping, now: datetime) -> list[SourceState]:
    return [state_of(session, config, name, now) for name in sources.names()]
