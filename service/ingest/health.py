"""Source health: incidents, opened when a source breaks and closed when it recovers.

A source is *failing* once SOURCE_ALERT_FAILED_RUNS runs in a row failed (a run with a failed
part, or one a crash interrupted, counts), and *silent* once it has had no successful run for
SOURCE_ALERT_SILENT_DAYS (which also catches a clock that stopped running it). Each trouble is
one incident row, opened once and closed once; what it says is kept up to date while it lasts.
Telling the operator is the mail side's job (`service.source_alerts`): this module only keeps
the incident table, so ingest never needs to know how mail is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import sources
from .models import ScrapeRun, SourceIncident

FAILING_OUTCOMES = ("failed", "partial", "abandoned")
GOOD_OUTCOMES = ("success", "unchanged", "partial")


@dataclass(frozen=True)
class Trouble:
    kind: str
    since: datetime
    reason: str


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def open_incidents(session: Session, name: str | None = None) -> list[SourceIncident]:
    query = select(SourceIncident).where(SourceIncident.closed_at.is_(None))
    if name is not None:
        query = query.where(SourceIncident.source == name)
    return list(session.scalars(query.order_by(SourceIncident.opened_at)))


def evaluate(session: Session, config: Mapping, name: str, now: datetime) -> None:
    """Open, update or close the source's incidents from its runs as of `now`."""
    disabled = sources.disabled_reason(config, name)
    troubles = {} if disabled else _troubles(session, config, name, now)
    current = {incident.kind: incident for incident in open_incidents(session, name)}
    for kind, trouble in troubles.items():
        incident = current.get(kind)
        if incident is None:
            session.add(SourceIncident(source=name, kind=kind, since=trouble.since,
                                       opened_at=now, reason=trouble.reason))  # fmt: skip
        else:
            incident.reason = trouble.reason
    for kind, incident in current.items():
        if kind not in troubles:
            incident.closed_at = now
    session.flush()


def _troubles(session: Session, config: Mapping, name: str, now: datetime) -> dict:
    found = {}
    failing = _failing(session, name, config["SOURCE_ALERT_FAILED_RUNS"])
    if failing is not None:
        found["failing"] = failing
    silent = _silent(session, name, config["SOURCE_ALERT_SILENT_DAYS"], now)
    if silent is not None:
        found["silent"] = silent
    return found


def _finished_runs(session: Session, name: str, limit: int | None = None):
    query = (
        select(ScrapeRun)
        .where(ScrapeRun.source == name, ScrapeRun.outcome.not_in(("running", "disabled")))
        .order_by(ScrapeRun.started_at.desc(), ScrapeRun.id.desc())
    )
    return list(session.scalars(query.limit(limit) if limit else query))


def _failing(session: Session, name: str, threshold: int) -> Trouble | None:
    streak = []
    for run in _finished_runs(session, name, limit=500):
        if run.outcome not in FAILING_OUTCOMES:
            break
        streak.append(run)
    if len(streak) < threshold:
        return None
    last = streak[0]
    said = f"; the last said: {last.error}" if last.error else ""
    reason = f"{len(streak)} runs in a row {_failed_words(last)}{said}"
    return Trouble("failing", streak[-1].started_at, reason[:2000])


def _failed_words(run: ScrapeRun) -> str:
    return {"partial": "failed in part", "abandoned": "did not finish"}.get(run.outcome, "failed")


def _silent(session: Session, name: str, days: int, now: datetime) -> Trouble | None:
    good = session.scalar(
        select(ScrapeRun.finished_at)
        .where(ScrapeRun.source == name, ScrapeRun.outcome.in_(GOOD_OUTCOMES))
        .order_by(ScrapeRun.finished_at.desc())
        .limit(1)
    )
    since = good or session.scalar(
        select(ScrapeRun.started_at)
        .where(ScrapeRun.source == name)
        .order_by(ScrapeRun.started_at)
        .limit(1)
    )
    if since is None or now - since < timedelta(days=days):
        return None
    if good is None:
        return Trouble("silent", since, f"no successful run since its first run, {when(since)}")
    return Trouble("silent", since, f"no successful run in {(now - since).days} days")


def describe(incident: SourceIncident) -> str:
    """What is wrong and since when, in words."""
    what = "failing" if incident.kind == "failing" else "silent"
    return f"{what.capitalize()} since {when(incident.since)}: {incident.reason}"


def recent_incidents(session: Session, limit: int = 50) -> list[SourceIncident]:
    return list(
        session.scalars(
            select(SourceIncident).order_by(SourceIncident.opened_at.desc()).limit(limit)
        )
    )
