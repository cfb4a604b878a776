"""JSON Schemas of the change feed, rule history, source health and subscriptions."""

from __future__ import annotations

from jurisdictions.vocabulary import SUBSTANCES

from .schema_parts import DAY_OR_NULL, INT_OR_NULL, LEVEL, STATUS, SUBSTANCE, TEXT_OR_NULL, obj, ref

FEEDS_AND_SERVICE: dict[str, dict] = {}
_CHANGE_REF = obj(
    {
        "id": {"type": "integer"},
        "kind": {"type": "string"},
        "detected_at": {"type": "string", "format": "date-time"},
        "origin": {"type": "string"},
        "origin_ref": TEXT_OR_NULL,
    }
)
FEEDS_AND_SERVICE["HistoryRule"] = obj(
    {
        "substance": SUBSTANCE,
        "status": STATUS,
        "min_age": INT_OR_NULL,
        "effective_from": DAY_OR_NULL,
        "effective_until": DAY_OR_NULL,
        "summary": {"type": "string"},
        "origin": {"type": "string"},
        "activities": {"type": ["object", "null"]},
        "scope": {"type": "string"},
        "in_force_by": DAY_OR_NULL,
        "withdrawn_at": {"type": ["string", "null"], "format": "date-time"},
        "introduced_by": {"oneOf": [_CHANGE_REF, {"type": "null"}]},
        "sources": {"type": "array", "items": ref("Source")},
    }
)
FEEDS_AND_SERVICE["History"] = obj(
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "level": LEVEL,
        "rules": {"type": "array", "items": ref("HistoryRule")},
    }
)
FEEDS_AND_SERVICE["Change"] = obj(
    {
        "id": {"type": "integer"},
        "jurisdiction": obj(
            {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "level": {"enum": [*LEVEL["enum"], None]},
            }
        ),
        "substance": {"enum": [*SUBSTANCES, None]},
        "kind": {"type": "string"},
        "old_status": {"enum": [*STATUS["enum"], None]},
        "new_status": {"enum": [*STATUS["enum"], None]},
        "effective_date": DAY_OR_NULL,
        "detected_at": {"type": "string", "format": "date-time"},
        "origin": {"type": "string"},
        "headline": {"type": "string"},
        "url": {"type": "string"},
        "sources": {"type": "array", "items": ref("Source")},
    }
)
FEEDS_AND_SERVICE["ChangePage"] = obj(
    {
        "changes": {"type": "array", "items": ref("Change")},
        "next_cursor": TEXT_OR_NULL,
        "next": TEXT_OR_NULL,
    }
)
FEEDS_AND_SERVICE["SourceState"] = obj(
    {
        "name": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "trust": {"type": "string"},
        "interval_minutes": {"type": "integer"},
        "enabled": {"type": "boolean"},
        "disabled_reason": TEXT_OR_NULL,
        "status": {"type": "string"},
        "health": {"type": "string"},
        "incidents": {
            "type": "array",
            "items": obj(
                {
                    "kind": {"enum": ["failing", "silent"]},
                    "since": {"type": "string", "format": "date-time"},
                    "reason": {"type": "string"},
                }
            ),
        },
        "stale": {"type": "boolean"},
        "last_success_at": {"type": ["string", "null"], "format": "date-time"},
        "last_run": {"type": ["object", "null"]},
    }
)
FEEDS_AND_SERVICE["Sources"] = obj(
    {
        "as_of": {"type": "string", "format": "date-time"},
        "sources": {"type": "array", "items": ref("SourceState")},
    }
)
FEEDS_AND_SERVICE["Health"] = obj({"status": {"const": "ok"}})
FEEDS_AND_SERVICE["Ready"] = obj({"status": {"const": "ready"}})

FEEDS_AND_SERVICE["SubscriptionRequest"] = {
    **obj(
        {"email": {"type": "string", "format": "email", "maxLength": 254}},
        {
            "q": {"type": "string", "minLength": 1, "maxLength": 200},
            "jurisdiction": {"type": "string", "maxLength": 200},
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "scheduled": {"type": "boolean", "description": "A week before scheduled changes."},
            "proposals": {"type": "boolean", "description": "New pending proposals too."},
        },
    ),
    "anyOf": [{"required": ["q"]}, {"required": ["jurisdiction"]}, {"required": ["lat", "lon"]}],
    "additionalProperties": False,
}
FEEDS_AND_SERVICE["SubscriptionAccepted"] = obj(
    {
        "status": {"const": "accepted"},
        "detail": {"type": "string"},
        "place": obj(
            {
                "label": {"type": "string"},
                "jurisdiction": {"type": "string"},
                "jurisdictions": {"type": "array", "items": ref("DivisionRef")},
            }
        ),
    }
)
