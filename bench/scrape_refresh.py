"""Benchmark: a full refresh of every source from recorded responses, then an unchanged one.

    .venv/bin/python -m bench.scrape_refresh [--database-url URL]

Target: the full refresh in at most 10 s; the unchanged refresh writes nothing but run records.
Runs on a fresh SQLite database in a temporary folder unless a database URL is given (that
database must be empty: the schema and curated data are loaded first, untimed).
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time

from sqlalchemy import inspect, select, table, text

from service import create_app
from service.bootstrap import load_data, upgrade_schema
from service.db import db
from service.ingest.refresh import run_source
from service.ingest.sources import FIXTURES, names

TARGET_SECONDS = 10.0
RUN_RECORDS = {"scrape_runs", "job_locks"}  # run records and the leases held while running


def table_digests(app) -> dict[str, str]:
    """A digest of every row of every table, to see exactly which tables a refresh wrote to."""
    digests = {}
    with app.app_context():
        for name in inspect(db.engine).get_table_names():
            query = select(text("*")).select_from(table(name))
            rows = sorted(repr(tuple(row)) for row in db.session.execute(query))
            digests[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def refresh(app) -> tuple[float, list]:
    started = time.perf_counter()
    summaries = [run_source(app, name, replay=FIXTURES) for name in names()]
    return time.perf_counter() - started, summaries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: fresh SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": scratch})
        with app.app_context():
            upgrade_schema()
            load_data(app.config["LAWS_DIR"])
        first, summaries = refresh(app)
        before = table_digests(app)
        second, again = refresh(app)
        written = sorted(
            name for name, digest in table_digests(app).items() if before[name] != digest
        )
        with app.app_context():
            db.engine.dispose()
    report(first, summaries, second, again, written)


def report(first: float, summaries, second: float, again, written: list[str]) -> None:
    print(f"sources: {len(summaries)}, observations: {sum(s.observations for s in summaries)}")
    for summary in summaries:
        print(f"  {summary.line()}")
    print(f"full refresh: {first:.3f} s ({TARGET_SECONDS / first:.0f}x under the 10 s target)")
    print(f"unchanged refresh: {second:.3f} s ({first / second:.1f}x faster than the full one)")
    print(f"  outcomes: {', '.join(sorted({s.outcome for s in again}))}")
    print(f"  tables it wrote to: {', '.join(written) or 'none'}")
    print(f"  writes nothing but run records: {'yes' if set(written) <= RUN_RECORDS else 'NO'}")


if __name__ == "__main__":
    main()
