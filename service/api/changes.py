"""GET /api/v1/changes: what changed in the law, newest first, in stable pages."""

from __future__ import annotations

import re

from flask import jsonify, request

from service import context, params
from service.answers.changes import change_json
from service.db import db
from service.links import public_url
from service.problems import bad_parameter
from service.rules.feed import ChangeQuery, find_changes

from .blueprint import bp

MAX_LIMIT = 200
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DIGITS = re.compile(r"[0-9]{1,18}")


def _whole(name: str, low: int, high: int) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise bad_parameter(
            name, f"{name} must be a whole number from {low} to {high}, got {raw!r}"
        )
    return int(raw)


def _query() -> ChangeQuery:
    since = request.args.get("since")
    since_id = since_day = None
    if since is not None:
        if _DIGITS.fullmatch(since):
            since_id = _whole("since", 0, 2**62)
        elif _DAY.match(since):
            since_day = params.as_of_value(since, "since")
        else:
            raise bad_parameter("since", f"since is a change id or a day YYYY-MM-DD, got {since!r}")
    raw_id = request.args.get("jurisdiction")
    division = params.division(context.registry(), raw_id) if raw_id is not None else None
    return ChangeQuery(
        jurisdiction=division,
        since_id=since_id,
        since_day=since_day,
        before_id=_whole("cursor", 1, 2**62),
        limit=_whole("limit", 1, MAX_LIMIT) or 50,
    )


@bp.get("/changes")
def changes():
    """What changed in the law, newest first.
    ---
    get:
      summary: Changes
      description: Material changes only, newest first, in pages with a stable cursor. Also as
        Atom at /changes.atom and /j/{ocd_id}/changes.atom.
      tags: [changes]
      parameters:
        - name: since
          in: query
          description: A change id (newer ones only) or a day YYYY-MM-DD.
          schema:
            anyOf:
              - {"type": "string", "pattern": "^[0-9]{1,18}$"}
              - {"type": "string", "format": "date"}
        - name: jurisdiction
          in: query
          description: Only this jurisdiction and those inside it.
          schema:
            type: string
            maxLength: 200
            pattern: "^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~-]+)*$"
        - name: cursor
          in: query
          description: next_cursor of the previous page.
          schema: {"type": "string", "pattern": "^[1-9][0-9]{0,17}$"}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 200}}
      responses:
        "200":
          description: A page of changes.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ChangePage"}
        "304": {description: Not modified (the If-None-Match ETag still matches).}
        "400": BadRequest
        "429": RateLimited
        "404": NotFound
    """
    params.only_known_params("since", "jurisdiction", "cursor", "limit")
    query = _query()
    found = find_changes(db.session, context.registry(), query)
    page, more = found[: query.limit], len(found) > query.limit
    next_url = None
    if more:
        args = {**request.args.to_dict(), "cursor": str(page[-1].id)}
        next_url = public_url("api.changes", **args)
    return jsonify(
        {
            "changes": [change_json(c) for c in page],
            "next_cursor": str(page[-1].id) if more else None,
            "next": next_url,
        }
    )
