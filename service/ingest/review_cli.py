"""`flask --app service review list|show|accept|reject`: the review queue."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from service.cli import iso_day
from service.db import db, utcnow

from .models import Observation, ReviewItem
from .review import ReviewError, accept, reject

review_group = AppGroup(
    "review", help="Review items: secondary sources that disagree with the rule on record."
)
STATES = ("open", "accepted", "rejected", "all")


@review_group.command("list")
@click.option("--state", type=click.Choice(STATES), default="open", show_default=True)
def list_command(state: str) -> None:
    """Review items, oldest first."""
    query = select(ReviewItem).order_by(ReviewItem.id)
    if state != "all":
        query = query.where(ReviewItem.state == state)
    items = db.session.scalars(query).all()
    for item in items:
        click.echo(
            f"#{item.id} [{item.state}] {item.jurisdiction_id} {item.substance}: {item.reason}"
        )
    click.echo(f"{len(items)} {state if state != 'all' else ''} review item(s)".replace("  ", " "))


def _item(item_id: int) -> ReviewItem:
    item = db.session.get(ReviewItem, item_id)
    if item is None:
        raise click.ClickException(f"there is no review item {item_id}")
    return item


@review_group.command("show")
@click.argument("item_id", type=click.IntRange(min=1), metavar="ID")
def show_command(item_id: int) -> None:
    """One item with the observation behind it."""
    item = _item(item_id)
    observed = db.session.get(Observation, item.observation_id)
    lines = [
        f"review item #{item.id} ({item.state})",
        f"place:      {item.jurisdiction_id}",
        f"substance:  {item.substance}",
        f"reason:     {item.reason}",
        f"source:     {item.source}, read {observed.retrieved_at:%Y-%m-%d %H:%M} UTC",
        f"url:        {observed.source_url}",
        f"excerpt:    {observed.excerpt}",
        f"hash:       {observed.content_hash}",
    ]
    if item.decided_at:
        lines.append(f"decided:    {item.decided_at:%Y-%m-%d} {item.decision_note or ''}".rstrip())
    click.echo("\n".join(lines))


@review_group.command("accept")
@click.argument("item_id", type=click.IntRange(min=1), metavar="ID")
@click.option(
    "--effective-from",
    callback=iso_day,
    metavar="YYYY-MM-DD",
    help="First day the accepted status applies (default: the day it was observed).",
)
@click.option("--note", help="Why it was accepted.")
def accept_command(item_id: int, effective_from, note: str | None) -> None:
    """Apply the item's claim as a rule (origin `review`) and record the Change."""
    try:
        rule = accept(db.session, item_id, utcnow(), effective_from, note)
        db.session.commit()
    except ReviewError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"accepted #{item_id}: {rule.jurisdiction_id} {rule.substance} is {rule.status} "
        f"from {rule.effective_from}"
    )


@review_group.command("reject")
@click.argument("item_id", type=click.IntRange(min=1), metavar="ID")
@click.option("--reason", required=True, help="Why the source is wrong here.")
def reject_command(item_id: int, reason: str) -> None:
    """Close the item without changing any rule, recording why."""
    try:
        reject(db.session, item_id, utcnow(), reason)
        db.session.commit()
    except ReviewError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    click.echo(f"rejected #{item_id}: {reason.strip()}")
