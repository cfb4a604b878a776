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


