"""Emails composed from outbox rows, in text and HTML from templates/email/.

Every email after the confirmation carries a manage link and a one-click unsubscribe
(RFC 8058: `List-Unsubscribe` with an https URL when PUBLIC_URL is https, and
`List-Unsubscribe-Post`). The Message-ID is derived from the outbox row, so a message sent
again after a failure that left its fate unknown is recognisably the same message.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from flask import current_app, render_template

from .links import public_url
from .mail_models import OutboxMessage, Subscription
from .news import Entry
from .subscribers import confirm_token, manage_token


def message_id(message: OutboxMessage) -> str:
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2]
    stamp = int(message.created_at.timestamp())
    return f"<kratom.{message.id}.{stamp}@{domain}>"


def _envelope(message: OutboxMessage, subscription: Subscription, subject: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = subscription.email
    email["Subject"] = subject
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = message_id(message)
    email["Auto-Submitted"] = "auto-generated"
    return email


def _body(email: EmailMessage, template: str, **context) -> EmailMessage:
    email.set_content(render_template(f"email/{template}.txt", **context))
    email.add_alternative(render_template(f"email/{template}.html", **context), subtype="html")
    return email


def confirmation(message: OutboxMessage, subscription: Subscription) -> EmailMessage:
    subject = f"Confirm your kratom law alerts for {subscription.place_label}"
    link = public_url("subscribe.confirm", token=confirm_token(subscription))
    return _body(
        _envelope(message, subscription, subject),
        "confirm",
        label=subscription.place_label,
        confirm_url=link,
        hours=current_app.config["CONFIRM_TOKEN_HOURS"],
        purge_days=current_app.config["SIGNUP_PURGE_DAYS"],
    )


def changes(message: OutboxMessage, subscription: Subscription, entries: list[Entry]):
    count = len(entries)
    noun = "change" if count == 1 else "changes"
    subject = f"Kratom law: {count} {noun} for {subscription.place_label}"
    email = _envelope(message, subscription, subject)
    token = manage_token(subscription)
    unsubscribe = public_url("subscribe.unsubscribe", token=token)
    email["List-Unsubscribe"] = f"<{unsubscribe}>"
    email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return _body(
        email,
        "changes",
        label=subscription.place_label,
        entries=entries,
        manage_url=public_url("subscribe.manage", token=token),
        unsubscribe_url=unsubscribe,
    )
