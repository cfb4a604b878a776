"""A change email says what the subscriber's own answer is after the change, every level of
their place considered: a lifted rule under a local ban still leaves it banned, and a county
ordinance that reaches only unincorporated land does not reach a city's subscribers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from service.db import db
from service.mail.delivery import drain
from service.mail.models import Subscription
from tests.lawset import LARAMIE, TETON
from tests.mailhelp import TN, change, record, settle, subscribe, text_of

US = "ocd-division/country:us"
SARASOTA = "ocd-division/country:us/state:fl/county:sarasota"


@pytest.fixture
def backend():
    return "sqlite"  # the words; delivery itself is tested on both backends


@pytest.fixture
def mail_app(database_url, tmp_path, sink):
    from tests.conftest import _app_fixture

    yield from _app_fixture(database_url, tmp_path, SMTP_URL=sink.url)


def letter(app, sink) -> str:
    assert drain(app).sent == 1
    return text_of(sink.messages[-1])


def test_a_rule_lifted_above_a_local_ban_leaves_the_place_banned(mail_app, sink):
    subscribe(mail_app, "ann@example.com", SARASOTA)
    record(mail_app, change(US, "lapsed", old="restricted", new=None, effective=date(2026, 11, 1)))
    text = letter(mail_app, sink)
    assert "What this means for Sarasota County, Florida, every level considered:" in text
    assert "Kratom: still banned (Sarasota County's rule still applies)." in text


def test_a_ban_that_started_says_the_place_is_now_banned(mail_app, sink):
    subscribe(mail_app, "ann@example.com", TN)
    record(mail_app, change(TN, "in_force", old="regulated", effective=date(2026, 7, 1)))
    assert "Kratom: now banned, decided by Tennessee." in letter(mail_app, sink)


def test_a_coming_ban_says_from_when(mail_app, sink):
    subscribe(mail_app, "ann@example.com", TETON)
    record(mail_app, change(TETON, "added", old="regulated", effective=date(2027, 1, 1)))
    assert "Kratom: banned from 1 January 2027, decided by Teton County." in letter(mail_app, sink)


def test_a_city_subscriber_is_not_under_an_unincorporated_only_ordinance(mail_app, sink, client):
    page = client.get("/subscribe").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"csrf_token": token, "email": "ann@example.com", "q": "Cheyenne, WY"}
    assert "Check your inbox" in client.post("/subscribe", data=form).get_data(as_text=True)
    settle(mail_app)
    with mail_app.app_context():
        subscription = db.session.scalar(select(Subscription))
        assert (subscription.place_label, subscription.incorporated) == ("Cheyenne, Wyoming", True)
        subscription.confirmed_at, subscription.confirm_nonce = subscription.created_at, None
        db.session.commit()
    record(mail_app, change(LARAMIE, effective=date(2026, 11, 1)))
    text = letter(mail_app, sink)
    assert "Kratom: still legal from 21, regulated (Wyoming's rule still applies)." in text
