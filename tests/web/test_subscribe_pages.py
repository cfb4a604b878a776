"""The sign-up pages: CSRF, friendly pages for bad input and bad links, the same answer for
every address, managing and leaving an alert, and the form macro other pages include."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from flask import render_template_string
from itsdangerous import TimestampSigner
from sqlalchemy import select

from service.db import db, utcnow
from service.mail import subscribers, tokens
from service.mail.models import OutboxMessage, Subscription
from tests.mailhelp import JEFFERSON, KY, TN, settle, subscribe


def csrf_token(client, path: str = "/subscribe") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post_form(client, **fields):
    return client.post("/subscribe", data={"csrf_token": csrf_token(client), **fields})


def text(response) -> str:
    return response.get_data(as_text=True)


def with_token(app, make, subscription_id: int) -> str:
    with app.app_context():
        return make(db.session.get(Subscription, subscription_id))


def test_the_page_offers_the_form_for_a_given_place(client):
    page = text(client.get("/subscribe", query_string={"jurisdiction": KY}))
    assert 'name="csrf_token"' in page and f'value="{KY}"' in page
    assert "Place: <strong>Kentucky</strong>" in page
    assert 'name="q" value="Nashville"' in text(client.get("/subscribe?q=Nashville"))


def test_a_form_without_its_csrf_token_is_refused_kindly(client, app):
    response = client.post("/subscribe", data={"email": "ann@example.com", "q": "Kentucky"})
    assert response.status_code == 400 and "Reload the page" in text(response)
    with app.app_context():
        assert db.session.scalar(select(Subscription)) is None


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(client, app):
    subscribe(app, "confirmed@example.com", KY)
    subscribe(app, "pending@example.com", KY, confirmed=False)
    pages = set()
    for address in ("new@example.com", "pending@example.com", "confirmed@example.com"):
        response = post_form(client, email=address, jurisdiction=KY, scheduled="1")
        pages.add((response.status_code, text(response)))
    assert len(pages) == 1 and "Check your inbox" in pages.pop()[1]


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"email": "nope", "q": "Kentucky"}, 400, "not a usable email address"),
        ({"email": "x" * 300 + "@example.com", "q": "Kentucky"}, 400, "at most 254"),
        ({"email": "ann@example.com", "q": ""}, 400, "give one place"),
        ({"email": "ann@example.com", "q": "y" * 300}, 400, "at most 200"),
        ({"email": "ann@example.com", "q": "Qwxyzzy Flarbington"}, 404, "no place matches"),
        ({"email": "ann@example.com", "jurisdiction": "ocd-division/country:zz"}, 404, "no juris"),
        ({"email": "ann@example.com", "lat": "91", "lon": "0"}, 400, "between -90 and 90"),
    ],
)
def test_bad_input_shows_the_form_again_with_the_reason(client, fields, status, message):
    response = post_form(client, **fields)
    assert response.status_code == status
    assert message.lower() in text(response).lower() and 'name="email"' in text(response)
    assert 'role="alert"' in text(response)


def test_a_bad_address_keeps_the_chosen_place(client):
    response = post_form(client, email="nope", jurisdiction=KY)
    assert response.status_code == 400
    assert "Place: <strong>Kentucky</strong>" in text(response)


def test_an_ambiguous_place_offers_its_candidates(client):
    response = post_form(client, email="ann@example.com", q="Springfield")
    page = text(response)
    assert response.status_code == 200 and "names several places; choose one" in page
    choices = re.findall(r'type="radio" name="choice" value="([^"]+)"([^>]*)>', page)
    assert len(choices) >= 3 and 'value="ann@example.com"' in page
    assert not any("checked" in rest for _, rest in choices)  # nothing chosen for the reader
    fieldset = page[page.index("<fieldset") : page.index("</fieldset>")]
    assert 'aria-describedby="place-error"' in fieldset and 'id="place-error"' in fieldset
    illinois = unescape(next(v for v, _ in choices if "Illinois" in v))
    assert illinois == "q:Springfield, Illinois"  # a city stays the city
    chosen = post_form(client, email="ann@example.com", choice=illinois)
    assert chosen.status_code == 200 and "Check your inbox" in text(chosen)
    assert "<strong>Springfield, Illinois</strong>" in text(chosen)
    assert 'href="/lookup?q=Springfield,+Illinois"' in text(chosen)


def test_nothing_redirects_to_a_given_address(client):
    response = post_form(
        client, email="ann@example.com", q="Kentucky", next="https://evil.example/"
    )
    assert response.status_code == 200 and "Location" not in response.headers


def test_a_confirmation_link_shows_a_button_and_works_once(client, app):
    subscription_id = subscribe(app, "ann@example.com", KY, confirmed=False)
    link = "/subscribe/confirm/" + with_token(app, subscribers.confirm_token, subscription_id)
    assert "<button" in text(client.get(link))
    with app.app_context():
        assert db.session.get(Subscription, subscription_id).confirmed_at is None
    done = client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert done.status_code == 200 and "You are subscribed" in text(done)
    again = client.post(link, data={"csrf_token": csrf_token(client)})
    assert again.status_code == 410 and "used already" in text(again)
    assert client.get(link).status_code == 410


def test_forged_and_expired_links_say_what_to_do(client, app, monkeypatch):
    subscription_id = subscribe(app, "ann@example.com", KY, confirmed=False)
    good = with_token(app, subscribers.confirm_token, subscription_id)
    for forged in (good[:-3] + "xyz", "nonsense", good.replace(good[:5], "WzIsI")):
        response = client.get(f"/subscribe/confirm/{forged}")
        assert response.status_code == 400 and "not valid" in text(response)
    manage = with_token(app, subscribers.manage_token, subscription_id)
    assert client.get(f"/subscribe/confirm/{manage}").status_code == 400  # another purpose
    two_days_ago = TimestampSigner.get_timestamp(TimestampSigner("k")) - 49 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: two_days_ago)
    old = with_token(app, subscribers.confirm_token, subscription_id)
    monkeypatch.undo()
    response = client.get(f"/subscribe/confirm/{old}")
    assert response.status_code == 410 and "expired" in text(response)


def test_an_expired_link_can_be_replaced_by_signing_up_again(client, app):
    subscription_id = subscribe(app, "ann@example.com", KY, confirmed=False)
    with app.app_context():
        subscription = db.session.get(Subscription, subscription_id)
        subscription.confirm_sent_at = subscription.confirm_sent_at.replace(year=2020)
        db.session.commit()
    post_form(client, email="ann@example.com", jurisdiction=KY)
    settle(app)
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage.kind)).all() == ["confirm"]


def test_manage_changes_options_and_removes_one_alert(client, app):
    kentucky = subscribe(app, "ann@example.com", KY, paused=True)
    tennessee = subscribe(app, "ann@example.com", TN)
    link = "/subscriptions/manage/" + with_token(app, subscribers.manage_token, kentucky)
    assert "Paused" in text(client.get(link))
    token = csrf_token(client, link)
    saved = client.post(link, data={"csrf_token": token, "action": "save", "proposals": "1"})
    assert saved.status_code == 200 and "Saved." in text(saved)
    with app.app_context():
        subscription = db.session.get(Subscription, kentucky)
        assert (subscription.scheduled, subscription.proposals) == (False, True)
        assert subscription.paused_at is None
    assert client.post(link, data={"csrf_token": token, "action": "?"}).status_code == 400
    removed = client.post(link, data={"csrf_token": token, "action": "delete"})
    assert removed.status_code == 200 and "no more emails about Kentucky" in text(removed)
    with app.app_context():
        assert db.session.scalars(select(Subscription.id)).all() == [tennessee]
    gone = client.get(link)
    assert gone.status_code == 410 and "no longer exists" in text(gone)


def test_unsubscribing_removes_every_alert_of_the_address(client, app):
    first = subscribe(app, "ann@example.com", KY)
    subscribe(app, "ann@example.com", JEFFERSON)
    other = subscribe(app, "bob@example.com", KY)
    link = "/unsubscribe/" + with_token(app, subscribers.manage_token, first)
    page = text(client.get(link))
    assert "<button" in page and "ann@example.com" in page
    assert client.post(link).status_code == 200  # one click: no CSRF token, no cookie
    with app.app_context():
        assert db.session.scalars(select(Subscription.id)).all() == [other]
    assert client.post(link).status_code == 200
    assert "no subscriptions left" in text(client.get(link))
    assert client.post("/unsubscribe/forged").status_code == 400
    assert client.get("/unsubscribe/forged").status_code == 400


def test_other_pages_can_include_the_form(app):
    template = (
        '{% from "subscribe/form.html" import subscribe_form %}'
        "{{ subscribe_form(place_label='Kentucky', jurisdiction_id='" + KY + "') }}"
    )
    with app.test_request_context("/"):
        html = render_template_string(template)
    assert 'action="/subscribe"' in html and 'name="csrf_token"' in html
    assert f'name="jurisdiction" value="{KY}"' in html and 'name="q"' not in html


def test_tokens_carry_their_purpose(app):
    with app.app_context():
        token = tokens.make(tokens.CONFIRM, 7, "nonce")
        assert tokens.read(tokens.CONFIRM, token) == (7, "nonce")
        with pytest.raises(tokens.TokenError):
            tokens.read(tokens.MANAGE, token)


def test_a_purged_sign_ups_link_says_it_is_gone(client, app):
    subscription_id = subscribe(app, "ann@example.com", KY, confirmed=False)
    link = "/subscribe/confirm/" + with_token(app, subscribers.confirm_token, subscription_id)
    with app.app_context():
        subscribers.purge_unconfirmed(db.session, utcnow() + timedelta(days=30), 3)
        db.session.commit()
    response = client.get(link)
    assert response.status_code == 410 and "no longer exists" in text(response)
