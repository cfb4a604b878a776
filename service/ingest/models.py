"""Database models of the scraping side: runs, raw snapshots, observations and review items."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.db import UTCDateTime, db, utcnow


class ScrapeRun(db.Model):
    """One run of one source: when, how it ended, what it found and changed."""

    __tablename__ = "scrape_runs"
    __table_args__ = (Index("ix_scrape_runs_source_started", "source", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(12), default="running")
    replay: Mapped[str | None] = mapped_column(String(500))
    observations: Mapped[int] = mapped_column(Integer, default=0)
    agreements: Mapped[int] = mapped_column(Integer, default=0)
    review_items: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    fetches: Mapped[list | None] = mapped_column(JSON)


class Snapshot(db.Model):
    """A raw response, kept once per distinct content."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("source", "request_key", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scrape_runs.id"), index=True)
    source: Mapped[str] = mapped_column(String(40))
    request_key: Mapped[str] = mapped_column(String(120))
    url: Mapped[str] = mapped_column(String(2000))
    content_hash: Mapped[str] = mapped_column(String(64))
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status_code: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(120))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class Observation(db.Model):
    """What a scraper read at a source at a time. Append-only: never updated or deleted."""

    __tablename__ = "observations"
    __table_args__ = (Index("ix_observations_place", "jurisdiction_id", "substance"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scrape_runs.id"), index=True)
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id"))
    source: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8))
    native_id: Mapped[str] = mapped_column(String(200))
    jurisdiction_id: Mapped[str] = mapped_column(String(200))
    substance: Mapped[str | None] = mapped_column(String(8))
    claim: Mapped[dict] = mapped_column(JSON)
    source_url: Mapped[str] = mapped_column(String(2000))
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    excerpt: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))


class ReviewItem(db.Model):
    """A secondary source disagrees with the rule on record; a person decides."""

    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observations.id"))
    source: Mapped[str] = mapped_column(String(40))
    jurisdiction_id: Mapped[str] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    substance: Mapped[str] = mapped_column(String(8))
    claimed_status: Mapped[str] = mapped_column(String(12))
    current_status: Mapped[str | None] = mapped_column(String(12))
    current_rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"))


class FailedResponse(db.Model):
    """A raw response of a run that failed, kept to explain the failure: a few per run, each
    body capped, deleted after SCRAPE_KEEP_FAILED_DAYS."""

    __tablename__ = "failed_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scrape_runs.id"), index=True)
    request_key: Mapped[str] = mapped_column(String(120))
    url: Mapped[str] = mapped_column(String(2000))
    status_code: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(120))
    content_hash: Mapped[str] = mapped_column(String(64))
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    size: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)


class QueryCount(db.Model):
    """Queries a source made in one calendar month (UTC), for sources with a monthly quota."""

    __tablename__ = "source_queries"

    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    used: Mapped[int] = mapped_column(Integer, default=0)


class SourceIncident(db.Model):
    """A source in trouble: failing run after run, or silent for days. Opened once, closed
    once on recovery; `opened_mailed_at` and `closed_mailed_at` say the operator was told."""

    __tablename__ = "source_incidents"
    __table_args__ = (Index("ix_source_incidents_source_opened", "source", "opened_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))  # failing | silent
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProposalClaim(db.Model):
    """What one source last said about one proposal: a bill reported by LegiScan and Open
    States is one proposal with a claim from each."""

    __tablename__ = "proposal_claims"
    __table_args__ = (UniqueConstraint("source", "native_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    source: Mapped[str] = mapped_column(String(40))
    native_id: Mapped[str] = mapped_column(String(200))
    session: Mapped[str | None] = mapped_column(String(9))
    claim: Mapped[dict] = mapped_column(JSON)
    url: Mapped[str] = mapped_column(String(2000))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
