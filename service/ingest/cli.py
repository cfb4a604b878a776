"""`flask --app service scrape list|run|record`: the sources from the command line."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from scrapers import SCRAPERS
from scrapers.errors import ScrapeError
from scrapers.http import Fetcher
from scrapers.replay import RecordingFetcher
from service.db import db, utcnow

from . import sources
from .freshness import source_states
from .refresh import run_source

scrape_group = AppGroup("scrape", help="Source scrapers: list them, run them, record responses.")


def _source(_ctx, _param, value: str | None) -> str | None:
    if value is not None and value not in SCRAPERS:
        raise click.BadParameter(f"no source {value!r}; the sources are {', '.join(SCRAPERS)}")
    return value


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "never"


@scrape_group.command("list")
def list_command() -> None:
    """Each source with its schedule, last run, last success and status."""
    header = f"{'source':<17} {'every':>8}  {'last run':<26} {'last success':<16} status"
    click.echo(header)
    for state in source_states(db.session, current_app.config, utcnow()):
        run = state.last_run
        last = f"{_when(run.started_at)} {run.outcome}" if run else "never"
        status = state.status + (f" ({state.disabled_reason})" if state.disabled_reason else "")
        click.echo(
            f"{state.name:<17} {state.interval_minutes:>5} min  {last:<26} "
            f"{_when(state.last_success_at):<16} {status}"
        )


@scrape_group.command("run")
@click.argument("source", required=False, callback=_source)
@click.option("--all", "run_all", is_flag=True, help="Run every source, one after another.")
@click.option(
    "--replay",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[DIR]",
    help="Read recorded responses instead of the web: from DIR/<source> (or DIR itself for "
    "one source); without DIR, from tests/fixtures/scrapers.",
)
@click.option("--force", is_flag=True, help="Parse every response, even unchanged ones.")
def run_command(source: str | None, run_all: bool, replay: str | None, force: bool) -> None:
    """Run SOURCE (or --all) now and record the run."""
    if (source is None) == (not run_all):
        raise click.UsageError("name one source or give --all (see `scrape list`)")
    folder = _replay_folder(replay)
    app = current_app._get_current_object()
    names = sources.names() if run_all else [source]
    progress = (
        click.progressbar(names, label="Refreshing sources") if run_all else nullcontext(names)
    )
    with progress as todo:
        summaries = [(name, run_source(app, name, replay=folder, force=force)) for name in todo]
    failed = False
    for name, summary in summaries:
        click.echo(summary.line() if summary else f"{name}: skipped, another process is running it")
        bad = ("failed",) if run_all else ("failed", "disabled")
        failed |= summary is None or summary.outcome in bad
    if failed:
        raise click.exceptions.Exit(1)


def _replay_folder(replay: str | None) -> Path | None:
    if replay is None:
        return None
    folder = Path(replay) if replay else sources.FIXTURES
    if not folder.is_dir():
        raise click.BadParameter(f"{replay!r} is not a directory", param_hint="--replay")
    return folder


@scrape_group.command("record")
@click.argument("source", callback=_source)
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write (default: tests/fixtures/scrapers/<source>).",
)
def record_command(source: str, into: Path | None) -> None:
    """Fetch SOURCE live and replace its recorded responses (needs internet). Each request
    counts against the source's monthly query budget, if it has one."""
    config = current_app.config
    reason = sources.disabled_reason(config, source)
    if reason:
        raise click.ClickException(f"{source} is disabled: {reason}")
    target = into or sources.FIXTURES / source
    with tempfile.TemporaryDirectory() as scratch:
        recorder = RecordingFetcher(Fetcher(sources.fetch_policy(config)), Path(scratch))
        scraper = sources.build(config, source, fetcher=recorder)
        try:
            result = scraper.run()
        except ScrapeError as exc:
            raise click.ClickException(f"nothing recorded: {exc.reason}") from None
        _replace_recordings(Path(scratch), target, source, recorder)
    click.echo(
        f"{source}: recorded {len(recorder.recorded)} responses into {target} "
        f"({len(result.observations)} observations parse from them)"
    )


def _replace_recordings(scratch: Path, target: Path, source: str, recorder) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.is_file():
            old.unlink()
    for new in scratch.iterdir():
        shutil.copy(new, target / new.name)
    urls = "\n".join(f"- `{s.key}`: {s.url}" for s in recorder.recorded)
    (target / "PROVENANCE.md").write_text(
        f"# {SCRAPERS[source].title}: recorded\n\nRecorded live on {date.today()} with "
        f"`flask --app service scrape record {source}`, one file per request, unchanged (API "
        f"keys are not part of any address below):\n\n{urls}\n"
    )
