"""Command-line interface: `flask --app service <command>`."""

from __future__ import annotations

import re
from datetime import date

import click
from flask import Flask, current_app, g
from flask.cli import AppGroup, with_appcontext

from jurisdictions.law import coverage
from jurisdictions.law.reader import read_law_files
from jurisdictions.registry import load_registry
from service.rules.due import record_due_changes

from .bootstrap import MIGRATIONS_DIR, enable_migrations, load_data, upgrade_schema
from .db import db, today
from .init_state import inputs_digest, unchanged_report
from .locks import exclusive


@click.command("init")
@with_appcontext
@click.option(
    "--prune", is_flag=True, help="Retire curated rules of jurisdictions whose file was deleted."
)
@click.option("--force", is_flag=True, help="Load even when nothing changed since the last init.")
def init_command(prune: bool, force: bool) -> None:
    """Create or upgrade the schema and load the division registry and curated law files.
    Two at once take turns: the second waits, then finds the work done."""
    laws_dir = current_app.config["LAWS_DIR"]
    with exclusive(db.engine, "kratom-init"):
        report = None
        if not (prune or force):
            report = unchanged_report(db.engine, inputs_digest(laws_dir))
        if report is None:
            upgrade_schema()
            report = load_data(laws_dir, prune=prune)
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


def iso_day(_ctx, _param, value: str | None) -> date | None:
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
    callback=iso_day,
    metavar="YYYY-MM-DD",
    help="Day to check up to (default: today, UTC); a later day needs --preview.",
)
@click.option(
    "--preview",
    is_flag=True,
    help="Show what would be recorded by then, recording and mailing nothing.",
)
def due_command(as_of: date | None, preview: bool) -> None:
    """Record a change for every rule that has come into force or lapsed by its date."""
    day = as_of or today()
    if day > today() and not preview:
        raise click.BadParameter(
            f"{day} is after today ({today()}): a rule cannot be recorded as in force before "
            "its day. Add --preview to see what would be recorded, without recording it.",
            param_hint="'--as-of'",
        )
    recorded = record_due_changes(db.session, day)
    lines = [
        f"{change.effective_date} {change.jurisdiction_id} {change.substance}: "
        f"{change.old_status or 'none'} -> {change.new_status or 'none'}"
        for change in recorded
    ]
    if preview:
        db.session.rollback()  # nothing recorded, so nothing announced
    else:
        db.session.commit()
    for line in lines:
        click.echo(line)
    verb = "would be recorded (preview: nothing was)" if preview else "recorded"
    click.echo(f"{len(recorded)} change(s) {verb}")


@click.command("coverage")
@click.option(
    "--as-of",
    callback=iso_day,
    metavar="YYYY-MM-DD",
    help="Day whose law to count (default: today).",
)
@with_appcontext
def coverage_command(as_of: date | None) -> None:
    """How complete and how well sourced the curated law files are."""
    files, errors = read_law_files(current_app.config["LAWS_DIR"])
    report = coverage.measure(files, load_registry(), as_of or today())
    click.echo("\n".join(coverage.lines(report)))
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        raise click.exceptions.Exit(1)


class _LazyMigrations(click.Group):
    """Flask-Migrate's subcommands, imported only when `db` is used."""

    @staticmethod
    def _real() -> click.Group:
        from flask_migrate.cli import db as migrate_group

        return migrate_group

    def list_commands(self, ctx):
        return self._real().list_commands(ctx)

    def get_command(self, ctx, name):
        return self._real().get_command(ctx, name)


@click.group("db", cls=_LazyMigrations)
@click.option("-d", "--directory", default=None, help="Migration scripts (default: ours).")
@click.option("-x", "--x-arg", multiple=True, help="Extra arguments for env.py.")
@with_appcontext
def migrations_group(directory, x_arg) -> None:
    """Schema migrations (Flask-Migrate / Alembic)."""
    enable_migrations(current_app)
    g.directory = directory or str(MIGRATIONS_DIR)  # what Flask-Migrate's commands read
    g.x_arg = x_arg


def init_app(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(coverage_command)
    app.cli.add_command(changes_group)
    app.cli.add_command(migrations_group)
