"""JSON Schemas (OpenAPI 3.1 dialect) of every API body, registered as OpenAPI components.

Tests validate every response the suite sees against these, and the fuzzer checks generated
requests against them, so they stay true to the code.
"""

from __future__ import annotations

from .schema_parts import (
    DAY,
    DAY_OR_NULL,
    INT_OR_NULL,
    LEVEL,
    SOURCE_KIND,
    STATUS,
    SUBSTANCE,
    TEXT_OR_NULL,
    nullable,
    obj,
    per_substance,
    ref,
)
from .schemas_law import LAW
from .schemas_service import FEEDS_AND_SERVICE

SCHEMAS: dict[str, dict] = {
    **LAW,
    "Problem": obj(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
        },
        {
            "invalid_params": {
                "type": "array",
                "items": obj({"name": {"type": "string"}, "reason": {"type": "string"}}),
            }
        },
    ),
    "DivisionRef": obj({"id": {"type": "string"}, "name": {"type": "string"}, "level": LEVEL}),
    "Source": obj(
        {
            "url": {"type": "string"},
            "title": {"type": "string"},
            "retrieved_at": DAY,
            "kind": {
                **SOURCE_KIND,
                "description": "statute, bill, regulation, ordinance, "
                "gazette, court, agency (primary); news, advocacy, vendor, reference",
            },
        }
    ),
    "Upcoming": obj(
        {
            "date": DAY,
            "kind": {"enum": ["starts", "ends"]},
            "substance": SUBSTANCE,
            "jurisdiction": ref("DivisionRef"),
            "status": STATUS,
            "min_age": INT_OR_NULL,
            "summary": {"type": "string"},
            "citation": TEXT_OR_NULL,
            "sources": {"type": "array", "items": ref("Source")},
            "status_after": STATUS,
            "changes_answer": {"type": "boolean"},
        }
    ),
    "Proposal": obj(
        {
            "jurisdiction": ref("DivisionRef"),
            "substances": {"type": "array", "items": SUBSTANCE},
            "identifier": TEXT_OR_NULL,
            "title": {"type": "string"},
            "stage": {"type": "string"},
            "proposed_status": {"enum": [*STATUS["enum"], None]},
            "summary": {"type": "string"},
            "sources": {"type": "array", "items": ref("Source")},
        },
        {"last_action": TEXT_OR_NULL, "last_action_date": DAY_OR_NULL, "url": TEXT_OR_NULL},
    ),
    "ChainLevel": obj(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "level": LEVEL,
            "rules": per_substance(nullable("Rule")),
        }
    ),
    "Location": obj(
        {
            "label": {"type": "string"},
            "lat": {"type": ["number", "null"]},
            "lon": {"type": ["number", "null"]},
            "precision": {"enum": ["country", "state", "county", "place", "point"]},
            "approximate": {"type": "boolean"},
            "near_boundary": {"type": "boolean"},
            "resolver": {"enum": ["offline", "online"]},
            "incorporated": {"type": ["boolean", "null"]},
        }
    ),
    "Alternative": obj(
        {
            "label": {"type": "string"},
            "reason": {"type": "string"},
            "jurisdictions": {"type": "array", "items": ref("DivisionRef")},
            "verdict": per_substance(ref("SubstanceVerdict")),
        }
    ),
    "Candidate": obj(
        {
            "label": {"type": "string"},
            "lat": {"type": ["number", "null"]},
            "lon": {"type": ["number", "null"]},
            "jurisdictions": {"type": "array", "items": ref("DivisionRef")},
        }
    ),
}

VERDICT_PARTS = {
    "as_of": DAY,
    "jurisdictions": {"type": "array", "items": ref("ChainLevel")},
    "upcoming": {"type": "array", "items": ref("Upcoming")},
    "pending": {"type": "array", "items": ref("Proposal")},
    "related": {"type": "array", "items": ref("RelatedLaw")},
    "notes": {"type": "array", "items": {"type": "string"}},
}

SCHEMAS["VerdictAnswer"] = obj({**VERDICT_PARTS, "verdict": per_substance(ref("SubstanceVerdict"))})
SCHEMAS["LookupAnswer"] = obj(
    {
        **VERDICT_PARTS,
        "location": nullable("Location"),
        "verdict": {"oneOf": [per_substance(ref("SubstanceVerdict")), {"type": "null"}]},
        "alternatives": {"type": "array", "items": ref("Alternative")},
        "candidates": {"type": "array", "items": ref("Candidate")},
    }
)

LOCATION_ITEM = {
    "oneOf": [
        obj({"q": {"type": "string", "minLength": 1, "maxLength": 200}}),
        obj({"zip": {"type": "string", "pattern": r"^\d{5}(-?\d{4})?$"}}),
        obj(
            {
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lon": {"type": "number", "minimum": -180, "maximum": 180},
            }
        ),
    ]
}
for _variant in LOCATION_ITEM["oneOf"]:
    _variant["additionalProperties"] = False

SCHEMAS["LocationQuery"] = LOCATION_ITEM
# Items may be anything: one that is not a LocationQuery gets a problem in its place, and the
# rest of the batch is still answered.
SCHEMAS["BatchRequest"] = {
    **obj(
        {
            "locations": {
                "type": "array",
                "minItems": 1,
                "maxItems": 1000,
                "items": {
                    "description": "A LocationQuery; anything else is answered with a problem.",
                },
            }
        },
        {"date": DAY},
    ),
    "additionalProperties": False,
}
SCHEMAS["BatchResult"] = {
    "oneOf": [
        {"allOf": [obj({"ok": {"const": True}}), ref("LookupAnswer")]},
        obj(
            {
                "ok": {"const": True},
                "verdict": {"oneOf": [per_substance(ref("SubstanceVerdict")), {"type": "null"}]},
                "strictest": {"oneOf": [per_substance(STATUS), {"type": "null"}]},
            }
        ),
        obj({"ok": {"const": False}, "problem": ref("Problem")}),
    ]
}
SCHEMAS["BatchAnswer"] = obj(
    {
        "as_of": DAY,
        "count": {"type": "integer"},
        "results": {"type": "array", "items": ref("BatchResult")},
    }
)
SCHEMAS["JurisdictionSummary"] = obj(
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "level": LEVEL,
        "kind": {"type": "string"},
        "parent": TEXT_OR_NULL,
        "url": {"type": "string"},
    },
    {"rules": per_substance(nullable("Rule"))},
)
SCHEMAS["JurisdictionList"] = obj(
    {
        "as_of": DAY,
        "count": {"type": "integer"},
        "jurisdictions": {"type": "array", "items": ref("JurisdictionSummary")},
    }
)
SCHEMAS["JurisdictionDetail"] = obj(
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "level": LEVEL,
        "kind": {"type": "string"},
        "parent": nullable("DivisionRef"),
        "codes": {"type": "object", "additionalProperties": {"type": "string"}},
        "as_of": DAY,
        "rules": per_substance(nullable("Rule")),
        "history": {"type": "array", "items": ref("Rule")},
        "proposals": {"type": "array", "items": ref("Proposal")},
        "children_with_law": {"type": "array", "items": ref("JurisdictionSummary")},
    }
)
SCHEMAS.update(FEEDS_AND_SERVICE)
