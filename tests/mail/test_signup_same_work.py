"""A sign-up does the same database work whatever the address's history, so its answer takes
as long for a stranger as for a subscriber (bench/signup_timing.py measures it); the sign-up
itself is settled later, by the sender, and never lost."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import event, func, select

from service.db import db
from service.mail.delivery import drain
from service.mail.models import OutboxMessage, Subscription
from tests.mailhelp import KY, subscribe

URL = "/api/v1/subscriptions"


def statements_of(app, client, address: str) -> list[str]:
    seen = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.post(URL, json={"email": address, "jurisdiction": KY})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 202
    return seen


def test_the_same_statements_run_for_a_new_and_a_subscribed_address(app, client):
    subscribe(app, "member@example.com", KY)
    subscribe(app, "waiting@example.com", KY, confirmed=False)
    client.post(URL, json={"email": "warm-up@example.com", "jurisdiction": KY})
    new = statements_of(app, client, "stranger@example.com")
    member = statements_of(app, client, "member@example.com")
    waiting = statements_of(app, client, "waiting@example.com")
    assert new == member == waiting


def test_a_queued_sign_up_is_settled_by_the_sender_once(app, client):
    subscribe(app, "member@example.com", KY)
    for address in ("new@example.com", "new@example.com", "member@example.com"):
        assert client.post(URL, json={"email": address, "jurisdiction": KY}).status_code == 202
    drain(app)
    with app.app_context():
        emails = db.session.scalars(select(Subscription.email).order_by(Subscription.email))
        assert list(emails) == ["member@example.com", "new@example.com"]
        confirmations = select(func.count()).where(OutboxMessage.kind == "confirm")
        assert db.session.scalar(confirmations) == 1
        assert current_app.config["SUBSCRIBE_RATE_LIMIT"]
