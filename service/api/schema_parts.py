"""Building blocks of the API's JSON Schemas: shared value types and small constructors."""

from __future__ import annotations

from jurisdictions.vocabulary import (
    ACTIVITIES,
    BASES,
    PERMISSIONS,
    PRODUCT_LIMITS,
    SCOPES,
    SOURCE_KINDS,
    STATUSES,
    SUBSTANCES,
)

STATUS = {"enum": list(reversed(STATUSES))}
LEVEL = {"enum": ["country", "state", "county", "place"]}
DAY = {"type": "string", "format": "date"}
DAY_OR_NULL = {"type": ["string", "null"], "format": "date"}
TEXT_OR_NULL = {"type": ["string", "null"]}
INT_OR_NULL = {"type": ["integer", "null"]}
SUBSTANCE = {"enum": list(SUBSTANCES)}
PERMISSION = {"enum": list(PERMISSIONS)}
SCOPE = {"enum": list(SCOPES)}
BASIS = {"enum": list(BASES)}
SOURCE_KIND = {"enum": [*SOURCE_KINDS, None]}
PRODUCT_LIMIT_KIND = {"enum": list(PRODUCT_LIMITS)}
ACTIVITY_NAMES = ACTIVITIES


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: dict, optional: dict | None = None) -> dict:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }


def nullable(name: str) -> dict:
    return {"oneOf": [ref(name), {"type": "null"}]}


def per_substance(schema: dict) -> dict:
    return obj({"kratom": schema, "7-oh": schema})
