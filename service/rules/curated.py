"""Apply curated law files to the database: insert, update or leave each rule and proposal,
and record a Change for every difference.

Rules are matched by (jurisdiction, substance, effective_from); proposals by their identifier
(or title). A rule that disappears from its file is retired, not deleted. The first load of an
empty database records `baseline` changes, which are history, not news.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurisdictions.law.records import LawFile, ProposalRecord, RuleRecord, SourceRef
from jurisdictions.registry import Registry
from service.db import utcnow

from . import meta
from .changes import record_change
from .models import (
    Jurisdiction,
    Proposal,
    ProposalSource,
    Rule,
    RuleSource,
    Source,
)
from .related import replace_related
from .report import ImportReport
from .values import (
    PROPOSAL_MATERIAL,
    RULE_MATERIAL,
    content_hash,
    differences,
    is_material,
    proposal_values,
    rule_values,
)

RECORD_FIELDS = (
    "status", "min_age", "scope", "basis", "in_force_by", "until_derived", "date_note",
    "conflict", "citation", "summary", "confidence", "last_verified",
)  # fmt: skip


class CuratedImport:
    """One run of applying law files, inside the caller's transaction."""

    def __init__(self, session: Session, registry: Registry, now: datetime | None = None):
        self.session = session
        self.registry = registry
        self.now = now or utcnow()
        self.report = ImportReport()
        self.baseline = meta.get(session, meta.CURATED_LOADED) is None
        self._sources: dict[str, Source] = {}

    def apply(
        self, files: list[LawFile], broken: set[str] = frozenset(), prune=False
    ) -> ImportReport:
        """Apply `files`. Jurisdictions whose file is gone (not merely `broken`) are listed as
        orphans, and their curated rules and proposals retired only when `prune` is set."""
        for law in files:
            if law.id not in self.registry:
                self.report.errors.append(f"{law.path}:1: {law.id} is not a known division")
                continue
            self._apply_file(law)
        self.report.orphans = self._orphans({law.id for law in files}, broken)
        if prune:
            for jurisdiction_id in self.report.orphans:
                self._retire_jurisdiction(jurisdiction_id)
        if self.report.changes:
            meta.bump_rules_version(self.session)
        if self.baseline and meta.get(self.session, meta.DUE_CHECKED_THROUGH) is None:
            # Rules already in force at the first load are the baseline, not news to announce.
            meta.put(self.session, meta.DUE_CHECKED_THROUGH, self.now.date().isoformat())
        meta.put(self.session, meta.CURATED_LOADED, self.now.isoformat())
        self.session.flush()
        return self.report

    def _orphans(self, loaded: set[str], broken: set[str]) -> list[str]:
        with_law = select(Jurisdiction.id, Jurisdiction.law_file).where(
            Jurisdiction.law_file.is_not(None)
        )
        return sorted(
            jid
            for jid, path in self.session.execute(with_law)
            if jid not in loaded and path not in broken
        )

    def _retire_jurisdiction(self, jurisdiction_id: str) -> None:
        jurisdiction = self.session.get(Jurisdiction, jurisdiction_id)
        path = jurisdiction.law_file
        for row in self._active(Rule, jurisdiction_id):
            self._retire_rule(jurisdiction_id, path, row)
        for row in self._active(Proposal, jurisdiction_id):
            self._retire_proposal(jurisdiction_id, path, row)
        jurisdiction.law_file = None

    def _active(self, model, jurisdiction_id: str) -> list:
        return self.session.scalars(
            select(model).where(
                model.jurisdiction_id == jurisdiction_id,
                model.origin == "curated",
                model.retired_at.is_(None),
            )
        ).all()

    def _apply_file(self, law: LawFile) -> None:
        jurisdiction = self.session.get(Jurisdiction, law.id)
        jurisdiction.law_file = law.path
        jurisdiction.research = [
            {"date": c.date.isoformat(), "searched": c.searched, "found": c.found}
            for c in law.checked
        ]
        by_key = {
            (r.substance, r.effective_from or r.in_force_by): r for r in self._active(Rule, law.id)
        }
        seen = set()
        for record in law.rules:
            start = record.effective_from.day if record.effective_from else record.in_force_by
            key = (record.substance, start)
            seen.add(key)
            self._apply_rule(law, record, by_key.get(key), self._previous_status(law, record))
        for key, row in by_key.items():
            if key not in seen:
                self._retire_rule(law.id, law.path, row)
        self._apply_proposals(law)
        replace_related(self.session, law)

    @staticmethod
    def _previous_status(law: LawFile, record: RuleRecord) -> str | None:
        same = [r for r in law.rules if r.substance == record.substance]
        index = same.index(record)
        return same[index - 1].status if index else None

    def _apply_rule(self, law: LawFile, record: RuleRecord, row: Rule | None, before: str | None):
        new = rule_values(record)
        if row is None:
            row = Rule(jurisdiction_id=law.id, substance=record.substance, origin="curated")
            self._fill_rule(row, record, new, law.path)
            self.session.add(row)
            self.session.flush()
            self.report.add("rules", "inserted")
            kind = "baseline" if self.baseline else "added"
            self._record(law.id, law.path, row, kind, before, record.status, None, new, list(new))
            return
        old = rule_values(row)
        fields = differences(old, new)
        if not fields:
            self.report.add("rules", "unchanged")
            return
        self._fill_rule(row, record, new, law.path)
        row.updated_at = self.now
        self.report.add("rules", "updated")
        self._record(
            law.id, law.path, row, "updated", old["status"], record.status, old, new, fields
        )

    def _fill_rule(self, row: Rule, record: RuleRecord, values: dict, path: str) -> None:
        for name in RECORD_FIELDS:
            setattr(row, name, getattr(record, name))
        row.activities = dict(record.activities)
        row.conditions = list(record.conditions) or None
        row.product_limits = values["product_limits"] or None
        row.covers = list(record.covers) or None
        start, until = record.effective_from, record.effective_until
        row.effective_from = start.day if start else None
        row.effective_from_precision = start.precision if start else None
        row.effective_until = until.day if until else None
        row.effective_until_precision = until.precision if until else None
        row.origin_ref = path
        row.content_hash = content_hash(values)
        row.sources = [
            RuleSource(position=i, source=self._source(s), retrieved_at=s.retrieved)
            for i, s in enumerate(record.sources)
        ]

    def _retire_rule(self, jurisdiction_id: str, path: str, row: Rule) -> None:
        old = rule_values(row)
        row.retired_at = self.now
        self.report.add("rules", "retired")
        self._record(jurisdiction_id, path, row, "removed", row.status, None, old, None, list(old))

    def _retire_proposal(self, jurisdiction_id: str, path: str, row: Proposal) -> None:
        row.retired_at = self.now
        self.report.add("proposals", "retired")
        old = proposal_values(row)
        self._record_proposal(jurisdiction_id, path, row, "proposal_removed", old, None)

    def _apply_proposals(self, law: LawFile) -> None:
        by_key = {p.key: p for p in self._active(Proposal, law.id)}
        for record in law.proposals:
            self._apply_proposal(law, record, by_key.pop(record.key, None))
        for row in by_key.values():
            self._retire_proposal(law.id, law.path, row)

    def _apply_proposal(self, law: LawFile, record: ProposalRecord, row: Proposal | None) -> None:
        new = proposal_values(record)
        if row is None:
            row = Proposal(jurisdiction_id=law.id, key=record.key, origin="curated")
            self._fill_proposal(row, record, new, law.path)
            self.session.add(row)
            self.session.flush()
            self.report.add("proposals", "inserted")
            kind = "baseline" if self.baseline else "proposal_added"
            self._record_proposal(law.id, law.path, row, kind, None, new)
            return
        old = proposal_values(row)
        if not differences(old, new):
            self.report.add("proposals", "unchanged")
            return
        self._fill_proposal(row, record, new, law.path)
        row.updated_at = self.now
        self.report.add("proposals", "updated")
        self._record_proposal(law.id, law.path, row, "proposal_updated", old, new)

    def _fill_proposal(self, row: Proposal, record: ProposalRecord, values: dict, path: str):
        for name in ("identifier", "title", "stage", "proposed_status", "min_age", "last_action"):
            setattr(row, name, getattr(record, name))
        for name in ("url", "summary", "confidence", "last_verified"):
            setattr(row, name, getattr(record, name))
        row.substances = list(record.substances)
        action = record.last_action_date
        row.last_action_date = action.day if action else None
        row.last_action_precision = action.precision if action else None
        row.origin_ref = path
        row.content_hash = content_hash(values)
        row.sources = [
            ProposalSource(position=i, source=self._source(s), retrieved_at=s.retrieved)
            for i, s in enumerate(record.sources)
        ]

    def _source(self, ref: SourceRef) -> Source:
        source = self._sources.get(ref.url)
        if source is None:
            source = self.session.scalar(select(Source).where(Source.url == ref.url))
            if source is None:
                source = Source(url=ref.url, title=ref.title)
                self.session.add(source)
            self._sources[ref.url] = source
        source.title, source.kind = ref.title, ref.kind
        return source

    def _record(self, jid, path, row: Rule, kind, old_status, new_status, old, new, fields):
        material = kind in ("added", "removed") or (
            kind == "updated" and is_material(fields, RULE_MATERIAL, old, new)
        )
        record_change(
            self.session,
            jurisdiction_id=jid,
            substance=row.substance,
            kind=kind,
            material=material,
            rule_id=row.id,
            old_status=old_status,
            new_status=new_status,
            fields=fields,
            old_values=old,
            new_values=new,
            effective_date=row.effective_from,
            detected_at=self.now,
            origin="curated",
            origin_ref=path,
        )
        self.report.changes += 1

    def _record_proposal(self, jid, path, row: Proposal, kind, old, new) -> None:
        fields = list(new or old) if old is None or new is None else differences(old, new)
        material = kind in ("proposal_added", "proposal_removed") or any(
            f in PROPOSAL_MATERIAL for f in fields
        )
        record_change(
            self.session,
            jurisdiction_id=jid,
            kind=kind,
            material=material and kind != "baseline",
            proposal_id=row.id,
            fields=fields,
            old_values=old,
            new_values=new,
            detected_at=self.now,
            origin="curated",
            origin_ref=path,
        )
        self.report.changes += 1
