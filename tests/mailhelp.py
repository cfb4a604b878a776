"""Mail test helpers: a real SMTP server on loopback (aiosmtpd) that records what it accepts
and can fail on demand, and small factories for subscriptions and changes."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import socket
from collections import Counter
from datetime import date

from aiosmtpd.controller import Controller
from sqlalchemy import insert

from jurisdictions.registry import load_registry
from service.db import db, utcnow
from service.mail import signup_queue
from service.mail.models import Subscription, SubscriptionPlace
from service.mail.signup import place_of
from service.mail.tokens import new_nonce
from service.rules.models import Change

KY = "ocd-division/country:us/state:ky"
TN = "ocd-division/country:us/state:tn"
JEFFERSON = "ocd-division/country:us/state:ky/county:jefferson"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """aiosmtpd handler. `refuse` maps recipients to a RCPT answer; after `down_after` accepted
    messages every DATA is answered `421` (mode "421") or the connection is dropped without
    an answer (mode "drop"), as a server going away would."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.raw: list[bytes] = []
        self.refuse: dict[str, str] = {}
        self.down_after: int | None = None
        self.mode = "421"
        self.delay = 0.0  # seconds per message, to make concurrent senders overlap

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.down_after is not None and len(self.messages) >= self.down_after:
            if self.mode == "drop":
                server.transport.close()
            return "421 4.3.2 Service shutting down, closing channel"
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        self.raw.append(envelope.content)
        return "250 2.0.0 Accepted"


class SmtpSink:
    def __init__(self, **server_options):
        self.port = free_port()
        self.recorder = Recorder()
        self.options = server_options
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list:
        return self.recorder.messages

    def start(self) -> SmtpSink:
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, **self.options
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def recipients(self) -> Counter:
        return Counter(message["To"] for message in self.messages)

    def message_ids(self) -> Counter:
        return Counter(message["Message-ID"] for message in self.messages)

    def to(self, address: str) -> list:
        return [message for message in self.messages if message["To"] == address]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def link_path(message, kind: str) -> str:
    """The path of the first `kind` link (confirm, manage, unsubscribe) in an email."""
    found = re.search(rf"https?://[^/\s]+(/[^\s<>\"]*{kind}/[^\s<>\"]+)", text_of(message))
    assert found, f"no {kind} link in:\n{text_of(message)}"
    return found.group(1)


def settle(app) -> int:
    """Turn the sign-ups waiting in the database into subscriptions, as the sender does."""
    with app.app_context():
        return signup_queue.settle(db.session, utcnow())


def subscribe(app, address: str, place_id: str, *, confirmed=True, **options) -> int:
    """A subscription straight into the database (confirmed unless told otherwise)."""
    with app.app_context():
        ids = subscribe_many(db.session, [address], place_id, confirmed=confirmed, **options)
        db.session.commit()
        return ids[0]


def subscribe_many(session, addresses, place_id, *, confirmed=True, **options) -> list[int]:
    place = place_of(load_registry().chain(place_id))
    now = utcnow()
    rows = [
        {
            "email": address,
            "jurisdiction_id": place.jurisdiction_id,
            "place_label": place.label,
            "scheduled": options.get("scheduled", True),
            "proposals": options.get("proposals", False),
            "created_at": now,
            "confirmed_at": now if confirmed else None,
            "confirm_nonce": None if confirmed else new_nonce(),
            "confirm_sent_at": None if confirmed else now,
            "paused_at": now if options.get("paused") else None,
            "manage_nonce": new_nonce(),
        }
        for address in addresses
    ]
    statement = insert(Subscription).returning(Subscription.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, rows))
    places = [
        {"subscription_id": i, "position": n, "jurisdiction_id": division_id}
        for i in ids
        for n, division_id in enumerate(place.chain)
    ]
    session.execute(insert(SubscriptionPlace), places)
    return ids


def change(jurisdiction_id: str, kind="updated", *, material=True, substance="kratom", **values):
    return Change(
        jurisdiction_id=jurisdiction_id,
        substance=substance,
        kind=kind,
        material=material,
        old_status=values.get("old", "legal"),
        new_status=values.get("new", "banned"),
        effective_date=values.get("effective", date(2027, 3, 1)),
        origin="curated",
        origin_ref="test",
        proposal_id=values.get("proposal_id"),
    )


def record(app, *changes) -> list[int]:
    """Record Changes in one transaction, as any Change-recording path does."""
    with app.app_context():
        db.session.add_all(changes)
        db.session.commit()
        return [c.id for c in changes]
