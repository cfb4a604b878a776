"""The parse contract: what a scraper read at a source at a time, checked against a schema.

An observation is either a `rule` claim (a jurisdiction's status for one substance, with dates)
or a `proposal` claim (a bill, notice or ordinance in progress). Every observation carries its
source URL, retrieval time, content hash and a short excerpt; one without them cannot be stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache

from jurisdictions.vocabulary import STAGES, STATUSES, SUBSTANCES

from .errors import InvalidObservation

_DAY = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_SUBSTANCE = {"enum": list(SUBSTANCES)}

SCHEMA = {
    "type": "object",
    "required": [
        "source", "kind", "jurisdiction_id", "source_url", "retrieved_at", "excerpt",
        "content_hash", "native_id",
    ],
    "properties": {
        "source": {"type": "string", "pattern": "^[a-z][a-z0-9_]{1,39}$"},
        "kind": {"enum": ["rule", "proposal"]},
        "jurisdiction_id": {
            "type": "string",
            "pattern": "^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~-]+)*$",
        },
        "native_id": {"type": "string", "minLength": 1, "maxLength": 200},
        "source_url": {"type": "string", "pattern": r"^https?://\S+$", "maxLength": 2000},
        "retrieved_at": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T"},
        "excerpt": {"type": "string", "minLength": 1, "maxLength": 500},
        "content_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "substance": {"oneOf": [_SUBSTANCE, {"type": "null"}]},
        "substances": {"type": "array", "items": _SUBSTANCE, "uniqueItems": True},
        "status": {"oneOf": [{"enum": list(STATUSES)}, {"type": "null"}]},
        "proposed_status": {"oneOf": [{"enum": list(STATUSES)}, {"type": "null"}]},
        "stage": {"oneOf": [{"enum": list(STAGES)}, {"type": "null"}]},
        "effective_from": _DAY,
        "effective_until": _DAY,
        "last_action_date": _DAY,
        "min_age": {"type": ["integer", "null"], "minimum": 16, "maximum": 25},
        "citation": {"type": ["string", "null"], "maxLength": 500},
        "identifier": {"type": ["string", "null"], "maxLength": 80},
        "session": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{4})?$"},
        "title": {"type": ["string", "null"], "maxLength": 300},
        "last_action": {"type": ["string", "null"], "maxLength": 300},
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "rule"}}},
            "then": {
                "required": ["substance", "status"],
                "properties": {"substance": _SUBSTANCE, "status": {"enum": list(STATUSES)}},
            },
        },
        {
            "if": {"properties": {"kind": {"const": "proposal"}}},
            "then": {
                "required": ["substances", "stage", "title"],
                "properties": {
                    "substances": {"minItems": 1},
                    "stage": {"enum": list(STAGES)},
                    "title": {"type": "string", "minLength": 3},
                },
            },
        },
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Observation:
    source: str
    kind: str
    jurisdiction_id: str
    native_id: str
    source_url: str | None
    retrieved_at: datetime
    excerpt: str
    content_hash: str
    substance: str | None = None
    substances: tuple[str, ...] = ()
    status: str | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    min_age: int | None = None
    citation: str | None = None
    identifier: str | None = None
    session: str | None = None
    title: str | None = None
    stage: str | None = None
    proposed_status: str | None = None
    last_action: str | None = None
    last_action_date: date | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["substances"] = list(self.substances)
        for name, value in data.items():
            if isinstance(value, date | datetime):
                data[name] = value.isoformat()
        return data

    def claim(self) -> dict:
        """What the source claims, without where and when it was read."""
        skip = {"source", "source_url", "retrieved_at", "excerpt", "content_hash", "extra"}
        return {k: v for k, v in self.to_dict().items() if k not in skip}


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(SCHEMA)


def validate(observation: Observation) -> None:
    """Raise InvalidObservation naming the first broken field."""
    errors = sorted(
        _validator().iter_errors(observation.to_dict()), key=lambda e: [str(p) for p in e.path]
    )
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise InvalidObservation(
            f"{observation.source} observation {observation.native_id!r} is invalid: "
            f"{where}: {first.message}"
        )
