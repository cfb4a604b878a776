"""Database models: jurisdictions, their rules over time, cited sources, changes and proposals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db import UTCDateTime, db, utcnow


class Jurisdiction(db.Model):
    __tablename__ = "jurisdictions"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(80))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    codes: Mapped[dict] = mapped_column(JSON, default=dict)
    law_file: Mapped[str | None] = mapped_column(String(300))
    # The law file's research trail: [{"date", "searched", "found"}], newest last.
    research: Mapped[list | None] = mapped_column(JSON)


class Source(db.Model):
    """A document a rule or proposal rests on."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str | None] = mapped_column(String(12))


class RuleSource(db.Model):
    __tablename__ = "rule_sources"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("rules.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    retrieved_at: Mapped[date] = mapped_column(Date)

    source: Mapped[Source] = relationship(lazy="joined")


class ProposalSource(db.Model):
    __tablename__ = "proposal_sources"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    retrieved_at: Mapped[date] = mapped_column(Date)

    source: Mapped[Source] = relationship(lazy="joined")


class LawRecord:
    """What rules and proposals share: their jurisdiction, wording, confidence and verification,
    where they came from, and when they were made, changed and retired (never deleted)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction_id: Mapped[str] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(String(8))
    last_verified: Mapped[date] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(String(40))
    origin_ref: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Rule(LawRecord, db.Model):
    """What one jurisdiction's own law says about one substance over a date range.

    `activities` says per activity (possess, buy, sell, make) what the law allows; `status` is
    derived from it (`jurisdictions.vocabulary.headline`) and `covers` (the activities it
    prohibits) kept for the v1 API. `scope` is `whole` or, for a county, `unincorporated`.
    `in_force_by` is the earliest day a rule of unknown start is known to be in force.
    `origin` is `curated`, a source's name (rules applied by an authoritative source) or
    `review` (a disagreement a person accepted); each origin has its own timeline, and the
    rule book decides between overlapping ones. `effective_until` is exclusive.
    `until_derived` marks an end date taken from the next rule's start rather than written by a
    curator. Retired rules are kept for history, never deleted.
    """

    __tablename__ = "rules"
    __table_args__ = (
        Index(
            "uq_rules_active_start",
            "jurisdiction_id",
            "substance",
            "effective_from",
            "origin",
            unique=True,
            sqlite_where=text("retired_at IS NULL"),
            postgresql_where=text("retired_at IS NULL"),
        ),
    )

    substance: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12))
    activities: Mapped[dict | None] = mapped_column(JSON)
    min_age: Mapped[int | None] = mapped_column(Integer)
    conditions: Mapped[list | None] = mapped_column(JSON)
    product_limits: Mapped[list | None] = mapped_column(JSON)
    scope: Mapped[str] = mapped_column(String(16), default="whole", server_default="whole")
    basis: Mapped[str] = mapped_column(
        String(24), default="specific_law", server_default="specific_law"
    )
    covers: Mapped[list | None] = mapped_column(JSON)
    effective_from: Mapped[date | None] = mapped_column(Date)
    effective_from_precision: Mapped[str | None] = mapped_column(String(5))
    effective_until: Mapped[date | None] = mapped_column(Date)
    effective_until_precision: Mapped[str | None] = mapped_column(String(5))
    until_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    in_force_by: Mapped[date | None] = mapped_column(Date)
    date_note: Mapped[str | None] = mapped_column(Text)
    conflict: Mapped[str | None] = mapped_column(Text)
    citation: Mapped[str | None] = mapped_column(Text)

    sources: Mapped[list[RuleSource]] = relationship(
        order_by=RuleSource.position, cascade="all, delete-orphan", lazy="selectin"
    )


class Proposal(LawRecord, db.Model):
    """A bill, rule or ordinance in progress: not law."""

    __tablename__ = "proposals"

    key: Mapped[str] = mapped_column(String(300))
    substances: Mapped[list] = mapped_column(JSON)
    identifier: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(24))
    proposed_status: Mapped[str | None] = mapped_column(String(12))
    min_age: Mapped[int | None] = mapped_column(Integer)
    last_action: Mapped[str | None] = mapped_column(String(300))
    last_action_date: Mapped[date | None] = mapped_column(Date)
    last_action_precision: Mapped[str | None] = mapped_column(String(5))
    url: Mapped[str | None] = mapped_column(String(2000))

    sources: Mapped[list[ProposalSource]] = relationship(
        order_by=ProposalSource.position, cascade="all, delete-orphan", lazy="selectin"
    )


class RelatedLaw(db.Model):
    """Law on related compounds (other alkaloids, derivatives), from the curated files: shown
    beside an answer, never as its verdict. Replaced whole at each load of its file."""

    __tablename__ = "related_laws"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction_id: Mapped[str] = mapped_column(ForeignKey("jurisdictions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    compounds: Mapped[list] = mapped_column(JSON)
    effective_from: Mapped[date | None] = mapped_column(Date)
    effective_from_precision: Mapped[str | None] = mapped_column(String(5))
    effective_until: Mapped[date | None] = mapped_column(Date)
    citation: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    last_verified: Mapped[date] = mapped_column(Date)
    sources: Mapped[list] = mapped_column(JSON)  # [{"url", "title", "kind", "retrieved_at"}]


class Change(db.Model):
    """An accepted difference in the rules or proposals, recorded once.

    `material` changes (status, age, dates, coverage, a rule coming into force) drive feeds and
    emails; the rest (wording, sources, confidence) are kept for the audit trail. `dedupe_key`
    makes scheduled changes exactly-once even if two clocks race.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_jurisdiction_detected", "jurisdiction_id", "detected_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction_id: Mapped[str] = mapped_column(ForeignKey("jurisdictions.id"))
    substance: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    material: Mapped[bool] = mapped_column(Boolean)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), index=True)
    old_status: Mapped[str | None] = mapped_column(String(12))
    new_status: Mapped[str | None] = mapped_column(String(12))
    fields: Mapped[list | None] = mapped_column(JSON)
    old_values: Mapped[dict | None] = mapped_column(JSON)
    new_values: Mapped[dict | None] = mapped_column(JSON)
    effective_date: Mapped[date | None] = mapped_column(Date)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    origin: Mapped[str] = mapped_column(String(40))
    origin_ref: Mapped[str | None] = mapped_column(String(300))
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)


class Meta(db.Model):
    """Small named values: the rules version readers cache against, the due job's progress."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class RuleVerification(db.Model):
    """The last day a source agreed with a rule. Kept apart from the rule itself, so curated
    rows stay exactly as their files say."""

    __tablename__ = "rule_verifications"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("rules.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    verified_on: Mapped[date] = mapped_column(Date)
    observation_id: Mapped[int | None] = mapped_column(ForeignKey("observations.id"))
