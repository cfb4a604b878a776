"""JSON Schemas of the law in answers: rules, per-activity verdicts, product limits, the next
change and related law."""

from __future__ import annotations

from .schema_parts import (
    ACTIVITY_NAMES,
    BASIS,
    DAY,
    DAY_OR_NULL,
    INT_OR_NULL,
    PERMISSION,
    PRODUCT_LIMIT_KIND,
    SCOPE,
    STATUS,
    SUBSTANCE,
    TEXT_OR_NULL,
    nullable,
    obj,
    ref,
)

LAW: dict[str, dict] = {
    "ProductLimit": obj(
        {
            "kind": PRODUCT_LIMIT_KIND,
            "value": {"type": ["number", "null"]},
            "note": TEXT_OR_NULL,
        },
        {"jurisdiction": ref("DivisionRef")},
    ),
    "ActivityVerdict": obj(
        {"permission": PERMISSION, "min_age": INT_OR_NULL, "decided_by": nullable("DivisionRef")}
    ),
    "NextChange": obj(
        {
            "date": DAY,
            "latest_date": DAY,
            "status": STATUS,
            "decided_by": nullable("DivisionRef"),
            "certain": {"type": "boolean"},
        }
    ),
    "RelatedLaw": obj(
        {
            "jurisdiction": ref("DivisionRef"),
            "title": {"type": "string"},
            "compounds": {"type": "array", "items": {"type": "string"}},
            "effective_from": DAY_OR_NULL,
            "effective_from_precision": {"enum": ["day", "month", "year", None]},
            "effective_until": DAY_OR_NULL,
            "citation": TEXT_OR_NULL,
            "summary": {"type": "string"},
            "last_verified": DAY,
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
    "Rule": obj(
        {
            "substance": SUBSTANCE,
            "status": STATUS,
            "min_age": INT_OR_NULL,
            "covers": {"type": "array", "items": {"type": "string"}},
            "activities": obj(dict.fromkeys(ACTIVITY_NAMES, PERMISSION)),
            "conditions": {"type": "array", "items": {"type": "string"}},
            "product_limits": {"type": "array", "items": ref("ProductLimit")},
            "scope": SCOPE,
            "basis": BASIS,
            "effective_from": DAY_OR_NULL,
            "effective_from_precision": {"enum": ["day", "month", "year", None]},
            "in_force_by": DAY_OR_NULL,
            "effective_until": DAY_OR_NULL,
            "date_note": TEXT_OR_NULL,
            "conflict": TEXT_OR_NULL,
            "citation": TEXT_OR_NULL,
            "summary": {"type": "string"},
            "confidence": {"enum": ["high", "medium", "low"]},
            "last_verified": DAY,
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
    "SubstanceVerdict": obj(
        {
            "status": STATUS,
            "min_age": INT_OR_NULL,
            "decided_by": nullable("DivisionRef"),
            "effective_date": DAY_OR_NULL,
            "effective_date_precision": {"enum": ["day", "month", "year", None]},
            "summary": TEXT_OR_NULL,
            "citation": TEXT_OR_NULL,
            "confidence": {"enum": ["high", "medium", "low", None]},
            "sources": {"type": "array", "items": ref("Source")},
            "last_verified": DAY_OR_NULL,
            "note": TEXT_OR_NULL,
            "in_force_by": DAY_OR_NULL,
            "explanation": {"type": "string"},
            "activities": obj(dict.fromkeys(ACTIVITY_NAMES, ref("ActivityVerdict"))),
            "product_limits": {"type": "array", "items": ref("ProductLimit")},
            "basis": {"enum": [*BASIS["enum"], None]},
            "scope": {"enum": [*SCOPE["enum"], None]},
            "certain": {"type": "boolean"},
            "possible_statuses": {"type": "array", "items": STATUS},
            "uncertainty": {"type": "array", "items": {"type": "string"}},
            "next_change": nullable("NextChange"),
        }
    ),
}
