"""API keys: a key this service did not issue is refused everywhere in the API, only an issued
key changes a client's limits, and sign-up limits never depend on a header the client chooses."""

from __future__ import annotations

import pytest

KEY = "issued-key-0123456789"
LOOKUP = "/api/v1/lookup?q=Tampa"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", LOOKUP, None),
        ("get", "/api/v1/jurisdictions", None),
        ("post", "/api/v1/lookup/batch", {"locations": [{"q": "TN"}]}),
        ("post", "/api/v1/subscriptions", {"email": "a@example.com", "q": "Tampa"}),
    ],
)
def test_an_unknown_key_is_refused_with_a_problem(client, method, path, body):
    response = getattr(client, method)(path, json=body, headers={"X-API-Key": "made-up-key-42"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Unknown API key"


def test_random_keys_do_not_escape_the_limit(app_with):
    client = app_with(RATE_LIMIT_API="2/minute", API_KEYS=KEY).test_client()
    assert [client.get(LOOKUP).status_code for _ in range(2)] == [200, 200]
    forged = [
        client.get(LOOKUP, headers={"X-API-Key": f"random-{n:016d}"}).status_code for n in range(5)
    ]
    assert 200 not in forged
    assert client.get(LOOKUP).status_code == 429


def test_an_issued_key_has_its_own_count(app_with):
    client = app_with(RATE_LIMIT_API="2/minute", API_KEYS=KEY).test_client()
    assert [client.get(LOOKUP).status_code for _ in range(3)] == [200, 200, 429]
    keyed = [client.get(LOOKUP, headers={"X-API-Key": KEY}).status_code for _ in range(3)]
    assert keyed == [200, 200, 429]


def test_sign_up_limits_ignore_the_key_header(app_with):
    app = app_with(SUBSCRIBE_RATE_LIMIT="2/hour", API_KEYS=KEY)
    client = app.test_client()
    codes = [
        client.post(
            "/api/v1/subscriptions",
            json={"email": f"stranger{n}@example.com", "q": "Tampa"},
            headers={"X-API-Key": KEY},
        ).status_code
        for n in range(4)
    ]
    assert codes == [202, 202, 429, 429]


def test_the_sign_up_form_ignores_the_key_header_too(app_with):
    app = app_with(SUBSCRIBE_RATE_LIMIT="2/hour", WTF_CSRF_ENABLED=False)
    client = app.test_client()
    codes = [
        client.post(
            "/subscribe",
            data={"email": f"stranger{n}@example.com", "q": "Tampa"},
            headers={"X-API-Key": f"random-{n:016d}"},
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
