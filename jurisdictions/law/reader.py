"""Curated law files: read, validate against the schema, and turn into typed records.

A file is all or nothing: any error in it (YAML, schema, dates, overlapping rules, a path that
does not match its id) rejects the whole file, reported as `path:line: message`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from jurisdictions import ocd
from jurisdictions.vocabulary import SUBSTANCES

from .yamlfile import YamlError, parse_yaml

SCHEMA_PATH = Path(__file__).with_name("law.schema.json")
LAWS_DIR = Path(__file__).parents[1] / "laws"


class LawFileError(ValueError):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(f"{path}:{line or 1}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, month or year; `day` is the first day of that period."""

    day: date
    precision: str

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        text = str(value)
        parts = [int(p) for p in text.split("-")]
        precision = ("year", "month", "day")[len(parts) - 1]
        parts += [1] * (3 - len(parts))
        return cls(date(*parts), precision)

    def __str__(self) -> str:
        return self.day.isoformat()[: {"year": 4, "month": 7, "day": 10}[self.precision]]


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str
    title: str
    retrieved: date


@dataclass(frozen=True, slots=True)
class RuleRecord:
    substance: str
    status: str
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceRef, ...]
    min_age: int | None = None
    covers: tuple[str, ...] = ()
    effective_from: PartialDate | None = None
    effective_until: PartialDate | None = None
    until_derived: bool = False
    date_note: str | None = None
    citation: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ProposalRecord:
    substances: tuple[str, ...]
    title: str
    stage: str
    summary: str
    confidence: str
    last_verified: date
    sources: tuple[SourceRef, ...]
    identifier: str | None = None
    proposed_status: str | None = None
    min_age: int | None = None
    last_action: str | None = None
    last_action_date: PartialDate | None = None
    url: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        return self.identifier or self.title


@dataclass(frozen=True, slots=True)
class LawFile:
    id: str
    name: str
    path: str
    sha256: str
    rules: tuple[RuleRecord, ...]
    proposals: tuple[ProposalRecord, ...]
    notes: str | None = None


@cache
def _validator():
    # Imported here: only loading law files needs it, not every web worker.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def read_law_file(path: Path, root: Path) -> LawFile:
    rel = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    try:
        doc = parse_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LawFileError(rel, 1, "not UTF-8 text") from None
    except YamlError as exc:
        raise LawFileError(rel, exc.line, exc.message) from None
    errors = sorted(_validator().iter_errors(doc.data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise LawFileError(rel, doc.line_of(first.absolute_path), f"{where}: {first.message}{more}")
    data = doc.data
    expected_path = ocd.path_for(data["id"])
    if rel != expected_path:
        raise LawFileError(rel, doc.line_of(("id",)), f"id {data['id']} belongs in {expected_path}")
    try:
        rules = _rules(data.get("rules", []), doc)
        proposals = _proposals(data.get("proposals", []), doc)
    except _RecordError as exc:
        raise LawFileError(rel, exc.line, exc.message) from None
    return LawFile(
        id=data["id"],
        name=data["name"],
        path=rel,
        sha256=hashlib.sha256(raw).hexdigest(),
        rules=rules,
        proposals=proposals,
        notes=data.get("notes"),
    )


def read_law_files(root: Path = LAWS_DIR) -> tuple[list[LawFile], list[LawFileError]]:
    """Every file under `root`, sorted by path; broken ones come back as errors instead."""
    files: list[LawFile] = []
    errors: list[LawFileError] = []
    for path in sorted(root.rglob("*.yaml")):
        try:
            files.append(read_law_file(path, root))
        except LawFileError as exc:
            errors.append(exc)
    ids: dict[str, str] = {}
    for law in files:
        if law.id in ids:
            errors.append(LawFileError(law.path, 1, f"{law.id} is also defined in {ids[law.id]}"))
        ids.setdefault(law.id, law.path)
    return files, errors


class _RecordError(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _date(value: str, line: int | None, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RecordError(line, f"{what}: {value} is not a calendar date") from None


def _partial(value, line: int | None, what: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        raise _RecordError(line, f"{what}: {value} is not a calendar date") from None


def _sources(items: list[dict], doc, path: tuple) -> tuple[SourceRef, ...]:
    return tuple(
        SourceRef(
            s["url"], s["title"], _date(s["retrieved"], doc.line_of(path + (i,)), "retrieved")
        )
        for i, s in enumerate(items)
    )


def _rules(items: list[dict], doc) -> tuple[RuleRecord, ...]:
    records = []
    for i, item in enumerate(items):
        line = doc.line_of(("rules", i))
        record = RuleRecord(
            substance=item["substance"],
            status=item["status"],
            summary=item["summary"],
            confidence=item["confidence"],
            last_verified=_date(item["last_verified"], line, "last_verified"),
            sources=_sources(item["sources"], doc, ("rules", i, "sources")),
            min_age=item.get("min_age"),
            covers=tuple(item.get("covers", ())),
            effective_from=_partial(item.get("effective_from"), line, "effective_from"),
            effective_until=_partial(item.get("effective_until"), line, "effective_until"),
            date_note=item.get("date_note"),
            citation=item.get("citation"),
            line=line,
        )
        records.append(record)
    timeline: list[RuleRecord] = []
    for substance in SUBSTANCES:
        timeline.extend(_timeline([r for r in records if r.substance == substance]))
    return tuple(timeline)


def _start_key(rule: RuleRecord) -> date:
    return rule.effective_from.day if rule.effective_from else date.min


def _timeline(rules: list[RuleRecord]) -> list[RuleRecord]:
    """Order one substance's rules by start, fill derived end dates, and refuse overlaps."""
    rules = sorted(rules, key=_start_key)
    if not rules:
        return []
    result = []
    for current, following in zip(rules, rules[1:] + [None], strict=True):
        start = _start_key(current)
        until = current.effective_until
        if until is not None and until.day <= start:
            raise _RecordError(current.line, "effective_until must be after effective_from")
        if following is not None:
            next_start = _start_key(following)
            if next_start == start:
                raise _RecordError(
                    following.line,
                    f"two {current.substance} rules start on the same day "
                    f"({current.effective_from or 'open start'})",
                )
            if until is not None and until.day > next_start:
                raise _RecordError(
                    current.line,
                    f"{current.substance} rule runs until {until} but the next one starts "
                    f"{following.effective_from}: rules must not overlap",
                )
            if until is None:
                current = _replace_until(current, following.effective_from)
        result.append(current)
    return result


def _replace_until(rule: RuleRecord, until: PartialDate) -> RuleRecord:
    fields = {name: getattr(rule, name) for name in RuleRecord.__slots__}
    fields.update(effective_until=until, until_derived=True)
    return RuleRecord(**fields)


def _proposals(items: list[dict], doc) -> tuple[ProposalRecord, ...]:
    records = []
    keys: set[str] = set()
    for i, item in enumerate(items):
        line = doc.line_of(("proposals", i))
        record = ProposalRecord(
            substances=tuple(item["substances"]),
            title=item["title"],
            stage=item["stage"],
            summary=item["summary"],
            confidence=item["confidence"],
            last_verified=_date(item["last_verified"], line, "last_verified"),
            sources=_sources(item["sources"], doc, ("proposals", i, "sources")),
            identifier=item.get("identifier"),
            proposed_status=item.get("proposed_status"),
            min_age=item.get("min_age"),
            last_action=item.get("last_action"),
            last_action_date=_partial(item.get("last_action_date"), line, "last_action_date"),
            url=item.get("url"),
            line=line,
        )
        if record.key in keys:
            raise _RecordError(line, f"two proposals are both keyed {record.key!r}")
        keys.add(record.key)
        records.append(record)
    return tuple(records)
