"""The OpenAPI 3.1 document, assembled by apispec from each view's docstring (the YAML after
`---`) and the schemas in `schemas.py`; served at /api/openapi.json, read as a page at /api/docs.
"""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Flask, current_app, jsonify, render_template
from markupsafe import Markup

from . import schemas

docs = Blueprint("api_docs", __name__, url_prefix="/api")

PROBLEM = {"application/problem+json": {"schema": schemas.ref("Problem")}}
RESPONSES = {
    "BadRequest": "A parameter or the body is unusable; `invalid_params` names it.",
    "NotFound": "No such jurisdiction or place.",
    "RateLimited": "Too many requests from this client; wait `Retry-After` seconds.",
    "TooLarge": "The request body or batch is too large.",
    "Unauthorized": "The X-API-Key header holds a key this service did not issue.",
    "UnsupportedMediaType": "The body is not application/json.",
    "Unavailable": "The database cannot be reached for now; try again after `Retry-After` seconds.",
}
# Any operation may meet these: a made-up X-API-Key, and a database outage.
EVERYWHERE = {"401": "Unauthorized", "503": "Unavailable"}
PARAMETERS = {
    "date": {
        "name": "date",
        "in": "query",
        "required": False,
        "description": "Day the answer is for (default: today, UTC).",
        "schema": {"type": "string", "format": "date"},
    },
    "ocd_id": {
        "name": "ocd_id",
        "in": "path",
        "required": True,
        "description": (
            "Open Civic Data division id, e.g. ocd-division/country:us/state:fl; its slashes "
            "stay as they are in the path."
        ),
        "schema": {"type": "string", "maxLength": 200},
    },
}
DESCRIPTION = """\
Is kratom (the natural leaf) or 7-OH (7-hydroxymitragynine products) legal at a place, on a day,
and what is about to change. Every answer names the jurisdiction that decides it, its dates and
its sources. Errors are `application/problem+json`. GET answers carry an ETag (send it back in
`If-None-Match` for a 304) and may be read cross-origin. Limits per client: see each operation;
`X-RateLimit-*` headers tell what is left. Information, not legal advice."""


def build_spec(app: Flask) -> dict:
    from apispec import APISpec  # only when the document is first asked for
    from apispec_webframeworks.flask import FlaskPlugin

    spec = APISpec(
        title="Kratom law by place",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[FlaskPlugin()],
        info={"description": DESCRIPTION},
    )
    for name, schema in schemas.SCHEMAS.items():
        spec.components.schema(name, schema)
    for name, description in RESPONSES.items():
        spec.components.response(name, {"description": description, "content": PROBLEM})
    for name, parameter in PARAMETERS.items():
        spec.components.parameter(name, parameter["in"], parameter)
    for endpoint, view in sorted(app.view_functions.items()):
        if endpoint.startswith("api."):
            spec.path(view=view, app=app)
    document = spec.to_dict()
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, name in EVERYWHERE.items():
                reference = {"$ref": f"#/components/responses/{name}"}
                operation["responses"].setdefault(status, reference)
    return document


def current_spec() -> dict:
    """Built once per app, on first use."""
    extensions = current_app.extensions
    if "kratom.openapi" not in extensions:
        extensions["kratom.openapi"] = build_spec(current_app)
    return extensions["kratom.openapi"]


@docs.get("/openapi.json")
def openapi_json():
    return jsonify(current_spec())


@cache
def _markdown():
    from markdown_it import MarkdownIt  # only when the docs page is first shown

    return MarkdownIt("commonmark", {"html": False})  # raw HTML in a description is escaped


@docs.app_template_filter("markdown")
def markdown(text: str | None) -> Markup:
    """The CommonMark of an OpenAPI description as HTML (its `code`, lists and links)."""
    return Markup(_markdown().render(text or ""))


@docs.get("/docs")
def openapi_page():
    return render_template("api_docs.html", spec=current_spec())
