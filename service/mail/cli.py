"""`flask --app service mail send|upkeep|status`: the outbox by hand."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from service.db import db

from . import outbox
from .models import OutboxMessage, Subscription

mail_group = AppGroup("mail", help="Change emails: the outbox and its upkeep.")


@mail_group.command("send")
@click.option("--limit", type=click.IntRange(min=1), help="Send at most this many messages.")
def send_command(limit: int | None) -> None:
    """Settle queued sign-ups, then drain the outbox once: send what is due, then stop."""
    from .delivery import drain

    tally = drain(current_app._get_current_object(), limit=limit)
    click.echo(tally.line())


@mail_group.command("upkeep")
def upkeep_command() -> None:
    """Queue week-ahead reminders; purge unconfirmed sign-ups and old mail."""
    from .jobs import upkeep

    click.echo(upkeep(current_app._get_current_object()).line())


@mail_group.command("status")
@click.option("--failures", default=10, show_default=True, help="Recent failures to list.")
def status_command(failures: int) -> None:
    """Messages by state, and the latest failures with their reasons."""
    found = outbox.counts(db.session)
    states = (outbox.QUEUED, outbox.SENDING, outbox.SENT, outbox.FAILED, outbox.DROPPED)
    click.echo(", ".join(f"{found.get(state, 0)} {state}" for state in states))
    latest = db.session.execute(
        select(OutboxMessage.id, OutboxMessage.kind, Subscription.email, OutboxMessage.error)
        .join(Subscription, Subscription.id == OutboxMessage.subscription_id)
        .where(OutboxMessage.state == outbox.FAILED)
        .order_by(OutboxMessage.id.desc())
        .limit(failures)
    )
    for message_id, kind, address, error in latest:
        click.echo(f"#{message_id} {kind} to {address}: {error}")
