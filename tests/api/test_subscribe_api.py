"""POST /api/v1/subscriptions: one answer for every address, and a clear problem for bad
input, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.db import db
from service.mail.models import OutboxMessage, Subscription, SubscriptionPlace
from tests.mailhelp import JEFFERSON, KY, settle, subscribe

URL = "/api/v1/subscriptions"


def sign_up(client, **body):
    return client.post(URL, json={"email": "ann@example.com", **body})


def test_a_place_by_name_is_resolved_to_its_chain(client, app):
    response = sign_up(client, q="Louisville, KY", proposals=True)
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "accepted" and "confirmation link" in body["detail"]
    assert body["place"]["label"] == "Louisville, Kentucky"
    assert [j["level"] for j in body["place"]["jurisdictions"]] == ["country", "state", "county"]
    assert settle(app) == 1
    with app.app_context():
        subscription = db.session.scalar(select(Subscription))
        assert (subscription.email, subscription.jurisdiction_id) == ("ann@example.com", JEFFERSON)
        assert subscription.scheduled and subscription.proposals
        assert subscription.confirmed_at is None and subscription.confirm_nonce
        chain = db.session.scalars(select(SubscriptionPlace.jurisdiction_id)).all()
        assert len(chain) == 3 and KY in chain
        assert db.session.scalars(select(OutboxMessage.kind)).all() == ["confirm"]


@pytest.mark.parametrize(
    ("place", "label"),
    [
        ({"q": "34236"}, "34236 (Sarasota, FL)"),
        ({"jurisdiction": KY}, "Kentucky"),
        ({"lat": 38.25, "lon": -85.76}, "Louisville, Kentucky"),
    ],
)
def test_zips_ids_and_points_work_too(client, place, label):
    response = sign_up(client, **place)
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["place"]["label"] == label


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(client, app):
    subscribe(app, "confirmed@example.com", KY)
    subscribe(app, "pending@example.com", KY, confirmed=False)
    answers = []
    for address in ("new@example.com", "pending@example.com", "confirmed@example.com"):
        response = client.post(URL, json={"email": address, "jurisdiction": KY})
        answers.append((response.status_code, response.get_data(), response.content_type))
    assert answers[0] == answers[1] == answers[2]
    settle(app)
    with app.app_context():
        kinds = db.session.scalars(select(OutboxMessage.kind)).all()
    assert kinds == ["confirm"]  # the new address only; the others already have their link


def test_an_ambiguous_place_answers_with_its_candidates(client):
    response = sign_up(client, q="Springfield")
    assert response.status_code == 400
    body = response.get_json()
    assert body["invalid_params"][0]["name"] == "q" and "several places" in body["detail"]
    assert len(body["candidates"]) >= 3
    first = body["candidates"][0]
    assert first["label"] and first["jurisdiction"] == first["jurisdictions"][-1]["id"]


@pytest.mark.parametrize(
    ("body", "status", "param"),
    [
        ({"email": "not-an-address", "q": "Kentucky"}, 400, "email"),
        ({"email": "a" * 250 + "@example.com", "q": "Kentucky"}, 400, "email"),
        ({"email": "ann@localhost", "q": "Kentucky"}, 400, "email"),
        ({"email": ["ann@example.com"], "q": "Kentucky"}, 400, "email"),
        ({"q": "Kentucky"}, 400, "email"),
        ({"email": "ann@example.com"}, 400, "q"),
        ({"email": "ann@example.com", "q": "x" * 201}, 400, "q"),
        ({"email": "ann@example.com", "q": "Qwxyzzy Flarbington"}, 404, "q"),
        ({"email": "ann@example.com", "q": "Kentucky", "jurisdiction": KY}, 400, "q"),
        ({"email": "ann@example.com", "jurisdiction": "Kentucky"}, 400, "jurisdiction"),
        ({"email": "ann@example.com", "jurisdiction": "ocd-division/country:zz"}, 404, None),
        ({"email": "ann@example.com", "lat": 95, "lon": 0}, 400, "lat"),
        ({"email": "ann@example.com", "lat": "north", "lon": 0}, 400, "lat"),
        ({"email": "ann@example.com", "lat": 10}, 400, "lon"),
        ({"email": "ann@example.com", "q": "Kentucky", "scheduled": "yes"}, 400, "scheduled"),
        (
            {"email": "ann@example.com", "q": "Kentucky", "next": "https://evil.example"},
            400,
            "next",
        ),
    ],
)
def test_bad_input_is_a_clear_problem(client, body, status, param):
    response = client.post(URL, json=body)
    assert response.status_code == status, response.get_json()
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status and problem["detail"]
    if param:
        assert problem["invalid_params"][0]["name"] == param


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("email=ann@example.com", "application/x-www-form-urlencoded", 415),
        ("[1, 2]", "application/json", 400),
        ("{not json", "application/json", 400),
        ('{"email": "' + "a" * 5000 + '"}', "application/json", 413),
    ],
)
def test_bodies_that_are_not_one_json_object_are_refused(client, data, content_type, status):
    response = client.post(URL, data=data, content_type=content_type)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"


def test_sign_ups_are_rate_limited_per_address_and_per_client(client, app):
    app.config.update(SUBSCRIBE_ADDRESS_RATE_LIMIT="2/hour", SUBSCRIBE_RATE_LIMIT="3/hour")
    codes = [sign_up(client, jurisdiction=KY).status_code for _ in range(3)]
    assert codes == [202, 202, 429]
    other = client.post(URL, json={"email": "bob@example.com", "jurisdiction": KY})
    assert other.status_code == 202  # the third from this client
    last = client.post(URL, json={"email": "cy@example.com", "jurisdiction": KY})
    assert last.status_code == 429 and last.content_type == "application/problem+json"
    far = client.post(
        URL,
        json={"email": "ann@example.com", "jurisdiction": KY},
        environ_base={"REMOTE_ADDR": "127.0.0.9"},
    )
    assert far.status_code == 429  # the address's own limit, from any client
