"""The whole flow over a real SMTP server on loopback: sign-up, the one confirmation email,
confirming, a change notification, and one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from service.db import db
from service.mail.delivery import drain
from service.mail.models import Subscription
from tests.conftest import _app_fixture
from tests.mailhelp import KY, change, link_path, record, text_of


@pytest.fixture
def mail_app(database_url, tmp_path, sink):
    yield from _app_fixture(database_url, tmp_path, SMTP_URL=sink.url)


def csrf_token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def subscriptions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Subscription))


def test_sign_up_confirm_hear_of_a_change_and_leave_with_one_click(mail_app, sink):
    client = mail_app.test_client()
    form = {"csrf_token": csrf_token(client, "/subscribe"), "email": "Ann@Example.com"}
    response = client.post("/subscribe", data={**form, "q": "Louisville, KY", "scheduled": "1"})
    assert response.status_code == 200 and "Check your inbox" in response.get_data(as_text=True)

    record(mail_app, change(KY))  # before confirming: nothing but the confirmation is sent
    assert drain(mail_app).sent == 1
    [confirmation] = sink.messages
    assert confirmation["To"] == "ann@example.com" and "Confirm" in confirmation["Subject"]
    assert confirmation["List-Unsubscribe"] is None

    confirm = link_path(confirmation, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and "Confirm your alert" in page.get_data(as_text=True)
    assert drain(mail_app).sent == 0  # looking at the link is not confirming
    done = client.post(confirm, data={"csrf_token": csrf_token(client, confirm)})
    assert done.status_code == 200 and "You are subscribed" in done.get_data(as_text=True)

    record(mail_app, change(KY, "in_force", old="regulated", new="banned"))
    assert drain(mail_app).sent == 1
    news = sink.messages[-1]
    assert "Kentucky, kratom leaf: Now in force" in text_of(news)
    assert "Status: regulated -> banned" in text_of(news)

    one_click = news["List-Unsubscribe"].strip("<>").split("5000", 1)[1]
    assert one_click == link_path(news, "unsubscribe")
    left = mail_app.test_client().post(one_click, data={"List-Unsubscribe": "One-Click"})
    assert left.status_code == 200 and subscriptions(mail_app) == 0
    again = mail_app.test_client().post(one_click, data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200

    record(mail_app, change(KY))
    assert drain(mail_app).sent == 0 and len(sink.messages) == 2
