"""Emails composed from outbox rows, in text and HTML from templates/email/.

Every email after the confirmation carries a manage link and a one-click unsubscribe
(RFC 8058: `List-Unsubscribe` with an https URL when PUBLIC_URL is https, and
`List-Unsubscribe-Post`). The Message-ID is derived from the outbox row, so a message sent
again after a failure that left its fate unknown is recognisably the same message.
"""

from __future__ import annotations

import secrets
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import formatdate, parseaddr

from flask import current_app, render_template
from markupsafe import Markup

from .links import public_url
from .models import OutboxMessage, Subscription
from .news import Entry
from .outcome import outcomes
from .subscribers import confirm_token, manage_token


class MailPolicy(EmailPolicy):
    """The standard policy, except that the RFC 2369 headers, which carry a URL in <>, are
    written as they are: folding would encode that URL (RFC 2047) and mail clients would no
    longer find it. A header line may be 998 characters long."""

    RAW = frozenset({"list-unsubscribe", "list-unsubscribe-post"})

    def fold(self, name, value):
        if name.lower() in self.RAW:
            return f"{name}: {value}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name, value):
        if name.lower() in self.RAW:
            return self.fold(name, value).encode("ascii")
        return super().fold_binary(name, value)


POLICY = MailPolicy()


def message_id(message: OutboxMessage) -> str:
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2]
    stamp = int(message.created_at.timestamp())
    return f"<kratom.{message.id}.{stamp}@{domain}>"


def _envelope(message: OutboxMessage, subscription: Subscription, subject: str) -> EmailMessage:
    email = EmailMessage(policy=POLICY)
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = subscription.email
    email["Subject"] = subject
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = message_id(message)
    email["Auto-Submitted"] = "auto-generated"
    return email


def _body(email: EmailMessage, template: str, blocks=None, **context) -> EmailMessage:
    blocks = blocks or {}
    text = render_template(f"email/{template}.txt", entries_block=blocks.get("txt"), **context)
    html = render_template(f"email/{template}.html", entries_block=blocks.get("html"), **context)
    email.set_content(text)
    email.add_alternative(html, subtype="html")
    # A random boundary of our own: left to the generator, finding one costs a fresh regular
    # expression per message, a third of the time it takes to compose one.
    email.set_boundary(f"==kratom-{secrets.token_hex(12)}==")
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


def _entries_blocks(entries: list[Entry], cache: dict) -> dict:
    """The news part in text and HTML, rendered once for all readers of the same news."""
    key = tuple(entries)
    if key not in cache:
        cache[key] = {
            "txt": render_template("email/entries.txt", entries=entries),
            "html": Markup(render_template("email/entries.html", entries=entries)),
        }
    return cache[key]


def changes(message: OutboxMessage, subscription: Subscription, entries: list[Entry], cache):
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
        _entries_blocks(entries, cache),
        label=subscription.place_label,
        entries=entries,
        here=outcomes(subscription, entries),
        manage_url=public_url("subscribe.manage", token=token),
        unsubscribe_url=unsubscribe,
    )
