"""The answer front serves repeated lookups and verdicts from the response cache before Flask:
the same bytes and headers as Flask, the same rate-limit counter, and everything it cannot
answer left to Flask. Answers' JSON, spliced from memoised parts, is byte for byte the same."""

from __future__ import annotations

from datetime import date

import pytest
from flask import jsonify
from werkzeug.test import EnvironBuilder, run_wsgi_app

from service.answers import build as answers
from service.answers import json as shapes
from service.api.encoded import answer_json, verdict_json

PATHS = [
    "/api/v1/lookup?q=Denver%2C+CO",
    "/api/v1/lookup?q=64111&date=2026-06-30",
    "/api/v1/lookup?lat=27.388&lon=-82.446",
    "/api/v1/lookup?q=Springfield",
    "/api/v1/verdict?jurisdiction=ocd-division/country:us/state:tn&date=2026-06-30",
]
VARYING = {"date", "x-ratelimit-remaining", "x-ratelimit-reset"}


def call(wsgi, path: str, **headers):
    environ = EnvironBuilder(path=path, headers=headers).get_environ()
    body, status, sent = run_wsgi_app(wsgi, environ, buffered=True)
    return status, sorted((k.lower(), v) for k, v in sent.items()), b"".join(body)


class Spy:
    """Counts the requests that reach Flask behind the front."""

    def __init__(self, app):
        self.calls = 0
        self.flask = app.wsgi_app.wsgi
        app.wsgi_app.wsgi = self

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.flask(environ, start_response)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_the_front_answers_like_flask(app, path, encoding):
    front, flask = app.wsgi_app, app.wsgi_app.wsgi
    call(front, path)  # answered by Flask, and cached
    status, headers, body = call(front, path, **{"Accept-Encoding": encoding})
    f_status, f_headers, f_body = call(flask, path, **{"Accept-Encoding": encoding})
    assert (status, body) == (f_status, f_body) and status == "200 OK"

    def fixed(pairs):
        return [(k, v) for k, v in pairs if k not in VARYING]

    assert fixed(headers) == fixed(f_headers)
    assert {k for k, _ in headers} >= {
        "etag",
        "x-ratelimit-remaining",
        "access-control-allow-origin",
    }


def test_repeated_questions_do_not_reach_flask(app):
    spy = Spy(app)
    client = app.test_client()
    codes = [client.get(PATHS[0]).status_code for _ in range(5)]
    assert codes == [200] * 5 and spy.calls == 1


def test_the_front_counts_the_same_limit_as_flask(app_with):
    app = app_with(RATE_LIMIT_API="3/minute")
    spy = Spy(app)
    client = app.test_client()
    responses = [client.get(PATHS[0]) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429, 429]
    assert [r.headers["X-RateLimit-Remaining"] for r in responses[:3]] == ["2", "1", "0"]
    refused = responses[3]
    assert refused.mimetype == "application/problem+json" and int(refused.headers["Retry-After"])
    assert spy.calls == 3  # the miss, then each refusal (counted once, by the front)
    other = client.get(PATHS[0], environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # another client has its own count


def test_what_the_front_leaves_to_flask(app_with):
    app = app_with(API_KEYS="issued-key-0123456789")
    spy = Spy(app)
    client = app.test_client()
    etag = client.get(PATHS[0]).headers["ETag"]
    assert client.get(PATHS[0], headers={"If-None-Match": etag}).status_code == 304
    assert client.get(PATHS[0], headers={"X-API-Key": "made-up-key-0000"}).status_code == 401
    assert client.get(PATHS[0], headers={"X-API-Key": "issued-key-0123456789"}).status_code == 200
    assert client.head(PATHS[0]).status_code == 200
    assert client.get("/api/v1/lookup?q=Denver%2C+CO&date=2026-02-31").status_code == 400
    assert spy.calls == 6


def test_without_a_cache_answers_are_written_each_time(app_with):
    app = app_with(RESPONSE_CACHE_MB=0)
    spy = Spy(app)
    client = app.test_client()
    first = client.get(PATHS[0])  # Flask: the rule snapshot is not loaded yet
    again = [client.get(PATHS[0]) for _ in range(3)]
    assert [r.status_code for r in again] == [200] * 3 and spy.calls == 1
    assert {r.get_data() for r in again} == {first.get_data()}
    assert app.extensions["kratom.responses"].bytes == 0


# New questions, good and bad: the front writes the good ones itself and leaves the rest.
NEW_QUESTIONS = [
    "/api/v1/lookup?q=Boulder%2C+CO",
    "/api/v1/lookup?q=Teton+County%2C+WY&date=2026-06-30",
    "/api/v1/lookup?q=Springfield&date=2026-12-01",
    "/api/v1/lookup?q=34236",
    "/api/v1/lookup?lat=39.7392&lon=-104.9903",
    "/api/v1/lookup?q=Thailand",
    "/api/v1/lookup?q=Oceanside%2C+CA",
    "/api/v1/verdict?jurisdiction=ocd-division/country:us/state:fl",
    "/api/v1/verdict?jurisdiction=ocd-division/country:us/state:tn&date=2027-03-01",
    "/api/v1/lookup?q=Denver&q=Boulder",
    "/api/v1/lookup?q=Denver&color=blue",
    "/api/v1/lookup?q=Denver&date=2026-02-31",
    "/api/v1/lookup?q=%20",
    "/api/v1/lookup?q=Qqqxxzzv+Wwkkj",
    "/api/v1/lookup?lat=91&lon=0",
    "/api/v1/lookup?lat=10",
    "/api/v1/lookup",
    "/api/v1/lookup?q=%FF%FE",
    "/api/v1/verdict?jurisdiction=ocd-division/country:zz",
    "/api/v1/verdict?jurisdiction=nonsense",
    "/api/v1/verdict",
]
ANSWERED_BY_FRONT = 9


def test_the_front_writes_new_answers_like_flask(app_with):
    app, beside = app_with(RATE_LIMIT_API="1000/minute"), app_with(RATE_LIMIT_API="1000/minute")
    front, flask = app.wsgi_app, beside.wsgi_app.wsgi  # each with its own empty cache
    call(front, PATHS[0])  # the rule snapshot is loaded
    spy = Spy(app)
    for path in NEW_QUESTIONS:
        status, headers, body = call(front, path, **{"Accept-Encoding": "gzip"})
        f_status, f_headers, f_body = call(flask, path, **{"Accept-Encoding": "gzip"})
        assert (status, body) == (f_status, f_body), path
        assert [h for h in headers if h[0] not in VARYING] == [
            h for h in f_headers if h[0] not in VARYING
        ], path
    assert spy.calls == len(NEW_QUESTIONS) - ANSWERED_BY_FRONT


def test_a_question_the_front_leaves_to_flask_is_counted_once(app_with):
    app = app_with(RATE_LIMIT_API="3/minute")
    client = app.test_client()
    client.get(PATHS[0], environ_base={"REMOTE_ADDR": "10.0.0.1"})  # rules loaded
    responses = [
        client.get(path)
        for path in ("/api/v1/lookup?q=Qqqxxzzv+Wwkkj", "/api/v1/lookup?q=Denver&color=blue")
    ] + [client.get(PATHS[0]) for _ in range(2)]
    assert [r.status_code for r in responses] == [404, 400, 200, 429]
    assert [r.headers["X-RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]


QUESTIONS = [
    ("text", "Denver, CO"),
    ("text", "64111"),  # a ZIP with alternatives
    ("text", "Springfield"),  # candidates
    ("text", "Teton County, WY"),
    ("point", (27.388, -82.446)),  # near a county line
    ("point", (39.7392, -104.9903)),
]


@pytest.mark.parametrize("on", [date(2026, 6, 30), date(2026, 12, 1)])
def test_spliced_json_is_what_jsonify_writes(app, on):
    with app.test_request_context():
        for kind, question in QUESTIONS:
            if kind == "text":
                found = answers.locate_text(question)
            else:
                found = answers.locate_point(*question)
            for _ in range(2):  # encoded, then from the memo
                answer = answers.answer_for(found, on)
                expected = jsonify(shapes.answer(answer)).get_data(as_text=True)
                assert answer_json(answer) + "\n" == expected, question
        chain = tuple(app.extensions["kratom.locator"].text("Denver, CO").chain)
        verdict = answers.verdict_for(chain, on)
        expected = jsonify({**shapes.verdict_answer(verdict), "notes": ["a note"]})
        assert verdict_json(verdict, notes=["a note"]) + "\n" == expected.get_data(as_text=True)
