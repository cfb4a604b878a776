"""Request bodies: size limits hold however the body is sent (Content-Length or chunked), and
JSON nested too deep is a 400 problem, never a 500."""

from __future__ import annotations

import http.client
import io
import json
import threading

import pytest
from werkzeug.serving import make_server

BATCH = "/api/v1/lookup/batch"
SUBSCRIBE = "/api/v1/subscriptions"
SIGN_UP = {"email": "ann@example.com", "jurisdiction": "ocd-division/country:us/state:ky"}


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def chunked(client, path: str, body: bytes, content_type="application/json"):
    """A body sent as a WSGI server passes a chunked one: no Content-Length, and the stream
    marked as ending by itself (wsgi.input_terminated)."""
    return client.post(
        path,
        input_stream=io.BytesIO(body),
        headers={"Transfer-Encoding": "chunked", "Content-Type": content_type},
        environ_overrides={"wsgi.input_terminated": True},
    )


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (BATCH, f'{{"locations": {deep(100_000)}}}'),
        (BATCH, f'{{"locations": [{{"q": {deep(50)}}}]}}'),
        (SUBSCRIBE, f'{{"email": {deep(2000)}}}'),
        (SUBSCRIBE, f'{{"q": {deep(50)}, "email": "a@example.com"}}'),
        ("/subscribe", f'{{"email": {deep(2000)}}}'),
    ],
)
def test_deep_nesting_is_a_bad_request(client, path, text):
    response = client.post(path, data=text, content_type="application/json")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.mimetype == "application/problem+json"
        assert "nested" in response.get_json()["detail"]


def test_a_chunked_sign_up_over_its_limit_is_too_large(client):
    body = json.dumps({**SIGN_UP, "q": "x" * 1_500_000}).encode()
    response = chunked(client, SUBSCRIBE, body)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_a_chunked_batch_over_the_request_limit_is_too_large(client):
    body = json.dumps({"locations": [{"q": "x" * 150}] * 20_000}).encode()  # about 3 MB
    response = chunked(client, BATCH, body)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_a_sign_up_over_its_limit_is_too_large_with_a_length_too(client):
    response = client.post(SUBSCRIBE, json={**SIGN_UP, "q": "x" * 5000})
    assert response.status_code == 413


def test_a_chunked_form_over_the_sign_up_limit_is_too_large(app_with):
    client = app_with(WTF_CSRF_ENABLED=False).test_client()
    body = ("email=ann%40example.com&q=" + "x" * 100_000).encode()
    response = chunked(client, "/subscribe", body, "application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_a_small_chunked_sign_up_is_read(client):
    response = chunked(client, SUBSCRIBE, json.dumps(SIGN_UP).encode())
    assert response.status_code == 202


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


def _post_chunked(port: int, path: str, parts: list[bytes]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    connection.request("POST", path, body=iter(parts), headers=headers, encode_chunked=True)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_over_a_real_server_chunked_bodies_keep_their_limits(served):
    small = json.dumps(SIGN_UP).encode()
    assert _post_chunked(served, SUBSCRIBE, [small[:10], small[10:]]) == 202
    big = json.dumps({**SIGN_UP, "q": "x" * 20_000}).encode()
    parts = [big[i : i + 1000] for i in range(0, len(big), 1000)]
    assert _post_chunked(served, SUBSCRIBE, parts) == 413
