"""Check API responses against the OpenAPI document: every response the suite's `client` sees
under /api/v1 must have a documented status and, when JSON, a body valid for that status."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator


def path_template(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


@cache
def _validator(spec_json: str, pointer: str) -> Draft202012Validator:
    spec = json.loads(spec_json)
    return Draft202012Validator({**spec, "$ref": pointer})


def check(app, spec: dict, response, method: str, path: str) -> None:
    if (
        not path.startswith("/api/v1/")
        or response.status_code == 304
        or method in ("OPTIONS", "HEAD")
    ):
        return
    adapter = app.url_map.bind("localhost")
    try:
        rule, _ = adapter.match(path, method=method, return_rule=True)
    except Exception:
        return  # an unknown path: its 404/405 is checked by the problem tests
    operation = spec["paths"][path_template(rule.rule)][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path}: undocumented status {status}"
    documented = operation["responses"][status]
    if "$ref" in documented:
        documented = spec["components"]["responses"][documented["$ref"].split("/")[-1]]
    media = response.mimetype
    content = documented.get("content", {})
    assert media in content, f"{method} {path} {status}: undocumented type {media}"
    pointer = _pointer(spec, rule.rule, method, status, media)
    errors = list(_validator(json.dumps(spec), pointer).iter_errors(_body(response)))
    assert not errors, f"{method} {path} {status}: {errors[0].message} at {list(errors[0].path)}"


def _body(response):
    headers = getattr(response, "headers", {})
    if headers.get("Content-Encoding") == "gzip":
        return json.loads(gzip.decompress(response.get_data()))
    return response.get_json()


def _pointer(spec, rule, method, status, media) -> str:
    documented = spec["paths"][path_template(rule)][method.lower()]["responses"][status]
    if "$ref" in documented:
        name = documented["$ref"].split("/")[-1]
        return f"#/components/responses/{name}/content/{_escape(media)}/schema"
    escaped = _escape(path_template(rule))
    return f"#/paths/{escaped}/{method.lower()}/responses/{status}/content/{_escape(media)}/schema"


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


class ContractClient(FlaskClient):
    """A test client that checks every API answer against the OpenAPI document."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        app = self.application
        with app.app_context():
            from service.api.openapi import current_spec

            spec = current_spec()
        check(app, spec, response, request.method, request.path)
        return response
