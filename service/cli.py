"""Command-line interface: `flask --app service <command>`."""

from __future__ import annotations

import re
from datetime import date

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from .bootstrap import load_data, upgrade_schema
from .db import db, today
from .due import record_due_changes


@click.command("init")
@with_appcontext
@click.option(
    "--prune", is_flag=True, help="Retire curated rules of jurisdictions whose file was deleted."
)
def init_command(prune: bool) -> None:
    """Create or upgrade the schema and load the division registry and curated law files."""
    upgrade_schema()
    report = load_data(current_app.config["LAWS_DIR"], prune=prune)
    for entity in ("jurisdictions", "rules", "proposals"):
        click.echo(report.line(entity))
    click.echo(f"changes recorded: {report.changes}")
    if report.orphans:
        click.echo(
            f"{len(report.orphans)} jurisdiction(s) have curated rules but no file "
            f"({', '.join(report.orphans[:5])}); run init --prune to retire them.",
            err=True,
        )
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.errors:
        raise click.exceptions.Exit(1)


def _iso_day(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a calendar date written YYYY-MM-DD")


changes_group = AppGroup("changes", help="Changes in the rules.")


@changes_group.command("due")
@click.option(
    "--as-of",
    callback=_iso_day,
    metavar="YYYY-MM-DD",
    help="Day to check up to (default: today, UTC).",
)
def due_command(as_of: date | None) -> None:
    """Record a change for every rule that has come into force or lapsed by its date."""
    recorded = record_due_changes(db.session, as_of or today())
    db.session.commit()
    for change in recorded:
        click.echo(
            f"{change.effective_date} {change.jurisdiction_id} {change.substance}: "
            f"{change.old_status or 'none'} -> {change.new_status or 'none'}"
        )
    click.echo(f"{len(recorded)} change(s) recorded")


def init_app(app: Flask) -> None:
    from .review_cli import review_group
    from .scrape_cli import scrape_group

    app.cli.add_command(init_command)
    app.cli.add_command(changes_group)
    app.cli.add_command(scrape_group)
    app.cli.add_command(review_group)
