"""Curated law files: read, validate against the schema and the rules of `checks`, and turn into
typed records (`records`).

A file is all or nothing: any error in it (YAML, schema, dates, overlapping rules, a rule that
says less than it must, a path that does not match its id) rejects the whole file, reported as
`path:line: message`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path

from jurisdictions import ocd
from jurisdictions.vocabulary import ACTIVITIES, SUBSTANCES

from .checks import level_of, rule_problems
from .records import (
    ContextRecord,
    LawFile,
    PartialDate,
    ProductLimit,
    ProposalRecord,
    ResearchCheck,
    RuleRecord,
    SourceRef,
)
from .yamlfile import Document, YamlError, parse_yaml

SCHEMA_PATH = Path(__file__).with_name("law.schema.json")
LAWS_DIR = Path(__file__).parents[1] / "laws"

__all__ = ["LAWS_DIR", "LawFile", "LawFileError", "PartialDate", "read_law_file", "read_law_files"]


class LawFileError(ValueError):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(f"{path}:{line or 1}: {message}")
        self.path = path
        self.line = line
        self.message = message


class _RecordError(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@cache
def _validator():
    # Imported here: only loading law files needs it, not every web worker.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def read_law_file(path: Path, root: Path) -> LawFile:
    rel = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    doc = _parse(rel, raw)
    data = doc.data
    expected_path = ocd.path_for(data["id"])
    if rel != expected_path:
        raise LawFileError(rel, doc.line_of(("id",)), f"id {data['id']} belongs in {expected_path}")
    try:
        reader = _Reader(doc, level_of(data["id"]))
        return LawFile(
            id=data["id"],
            name=data["name"],
            path=rel,
            sha256=hashlib.sha256(raw).hexdigest(),
            rules=reader.rules(),
            proposals=reader.proposals(),
            checked=reader.checks(),
            context=reader.context(),
            notes=data.get("notes"),
        )
    except _RecordError as exc:
        raise LawFileError(rel, exc.line, exc.message) from None


def _parse(rel: str, raw: bytes) -> Document:
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
    return doc


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


def _activities(value) -> dict[str, str]:
    return {a: value for a in ACTIVITIES} if isinstance(value, str) else dict(value)


class _Reader:
    """Turns one validated document into records, naming the line of any problem."""

    def __init__(self, doc: Document, level: str):
        self.doc = doc
        self.level = level

    def line(self, *path) -> int | None:
        return self.doc.line_of(path)

    def sources(self, path: tuple, items: list[dict]) -> tuple[SourceRef, ...]:
        return tuple(
            SourceRef(
                s["url"],
                s["title"],
                _date(s["retrieved"], self.line(*path, i), "retrieved"),
                s["kind"],
            )
            for i, s in enumerate(items)
        )

    def rules(self) -> tuple[RuleRecord, ...]:
        records = [self.rule(i, item) for i, item in enumerate(self.doc.data.get("rules", []))]
        timeline: list[RuleRecord] = []
        for substance in SUBSTANCES:
            timeline.extend(_timeline([r for r in records if r.substance == substance]))
        return tuple(timeline)

    def rule(self, i: int, item: dict) -> RuleRecord:
        line = self.line("rules", i)
        record = RuleRecord(
            substance=item["substance"],
            activities=_activities(item["activities"]),
            summary=item["summary"],
            confidence=item["confidence"],
            last_verified=_date(item["last_verified"], line, "last_verified"),
            sources=self.sources(("rules", i, "sources"), item["sources"]),
            min_age=item.get("min_age"),
            conditions=tuple(item.get("conditions", ())),
            product_limits=tuple(
                ProductLimit(p["kind"], p.get("value"), p.get("note"))
                for p in item.get("product_limits", ())
            ),
            scope=item.get("scope", "whole"),
            basis=item.get("basis", "specific_law"),
            effective_from=_partial(item.get("effective_from"), line, "effective_from"),
            in_force_by=item.get("in_force_by") and _date(item["in_force_by"], line, "in_force_by"),
            effective_until=_partial(item.get("effective_until"), line, "effective_until"),
            date_note=item.get("date_note"),
            conflict=item.get("conflict"),
            citation=item.get("citation"),
            line=line,
        )
        problems = rule_problems(record, self.level)
        if problems:
            raise _RecordError(line, f"rules/{i} ({record.substance}): " + "; ".join(problems))
        return record

    def proposals(self) -> tuple[ProposalRecord, ...]:
        records = []
        keys: set[str] = set()
        for i, item in enumerate(self.doc.data.get("proposals", [])):
            line = self.line("proposals", i)
            record = ProposalRecord(
                substances=tuple(item["substances"]),
                title=item["title"],
                stage=item["stage"],
                summary=item["summary"],
                confidence=item["confidence"],
                last_verified=_date(item["last_verified"], line, "last_verified"),
                sources=self.sources(("proposals", i, "sources"), item["sources"]),
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

    def checks(self) -> tuple[ResearchCheck, ...]:
        return tuple(
            ResearchCheck(
                _date(c["date"], self.line("checked", i), "date"), c["searched"], c["found"]
            )
            for i, c in enumerate(self.doc.data["checked"])
        )

    def context(self) -> tuple[ContextRecord, ...]:
        found = []
        for i, item in enumerate(self.doc.data.get("context", [])):
            line = self.line("context", i)
            found.append(
                ContextRecord(
                    title=item["title"],
                    compounds=tuple(item["compounds"]),
                    summary=item["summary"],
                    last_verified=_date(item["last_verified"], line, "last_verified"),
                    sources=self.sources(("context", i, "sources"), item["sources"]),
                    effective_from=_partial(item.get("effective_from"), line, "effective_from"),
                    effective_until=_partial(item.get("effective_until"), line, "effective_until"),
                    citation=item.get("citation"),
                )
            )
        return tuple(found)


def _timeline(rules: list[RuleRecord]) -> list[RuleRecord]:
    """Order one substance's rules by start, fill derived end dates, and refuse overlaps."""
    rules = sorted(rules, key=lambda rule: rule.start)
    if not rules:
        return []
    result = []
    for current, following in zip(rules, rules[1:] + [None], strict=True):
        until = current.effective_until
        if until is not None and until.day <= current.start:
            raise _RecordError(current.line, "effective_until must be after the rule's start")
        if following is not None:
            if following.start == current.start:
                raise _RecordError(
                    following.line,
                    f"two {current.substance} rules start on the same day "
                    f"({current.effective_from or current.in_force_by or 'open start'})",
                )
            if until is not None and until.day > following.start:
                raise _RecordError(
                    current.line,
                    f"{current.substance} rule runs until {until} but the next one starts "
                    f"{following.effective_from or following.in_force_by}: rules must not overlap",
                )
            if until is None:
                derived = following.effective_from or PartialDate(following.start, "day")
                current = current.ending(derived, derived=True)
        result.append(current)
    return result
