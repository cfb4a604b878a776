"""The OpenAPI document: valid, complete, and able to catch a response that breaks it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.contract import check, path_template


def test_the_document_is_openapi_3_1_and_names_every_api_route(app, client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    routes = {
        (path_template(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert routes == documented


def test_the_contract_check_catches_breaches(app, client):
    spec = client.get("/api/openapi.json").get_json()
    broken = SimpleNamespace(
        status_code=200, mimetype="application/json", get_json=lambda: {"as_of": 1}
    )
    with pytest.raises(AssertionError, match="as_of|required"):
        check(app, spec, broken, "GET", "/api/v1/verdict")
    teapot = SimpleNamespace(status_code=418, mimetype="application/json", get_json=dict)
    with pytest.raises(AssertionError, match="undocumented status"):
        check(app, spec, teapot, "GET", "/api/v1/verdict")
