"""How fresh each source is: its last run, its last success, whether it has gone stale (no
success for three times its interval), its open incidents, and all of it in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from scrapers import SCRAPERS

from . import health, sources
from .models import ScrapeRun, SourceIncident
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
    incidents: tuple[SourceIncident, ...] = ()

    @property
    def health(self) -> str:
        """What is wrong and since when, or that it works, in words."""
        if self.disabled_reason:
            return f"Disabled: {self.disabled_reason}."
        if self.incidents:
            return " ".join(health.describe(incident) + "." for incident in self.incidents)
        run = self.last_run
        if run is not None and run.outcome in health.FAILING_OUTCOMES:
            return f"The last run ({health.when(run.started_at)}) {_said(run)}."
        if self.last_success_at is None:
            return "Not run successfully yet."
        if self.stale:
            return f"Stale: no successful run since {health.when(self.last_success_at)}."
        return f"Working: last successful run {health.when(self.last_success_at)}."


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
        incidents=tuple(health.open_incidents(session, name)),
    )


def _said(run: ScrapeRun) -> str:
    words = {"partial": "failed in part", "abandoned": "did not finish"}.get(run.outcome, "failed")
    return f"{words}: {run.error}" if run.error else words


def _status(disabled, succeeded_at, stale: bool, last: ScrapeRun | None) -> str:
    if disabled:
        return "disabled"
    if succeeded_at is None:
        return "never succeeded"
    if stale:
        return "stale"
    failing = last is not None and last.outcome in health.FAILING_OUTCOMES
    return "failing" if failing else "ok"


def source_states(session: Session, config: Mapping, now: datetime) -> list[SourceState]:
    return [state_of(session, config, name, now) for name in sources.names()]
