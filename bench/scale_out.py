"""Scaling out on one PostgreSQL and one Redis: two web processes, two clocks, two mail senders.

    python bench/scale_out.py [--seconds 10] [--connections 8] [--subscribers 300]

Starts a PostgreSQL server and a Redis server from the machine's binaries (as the test suite
does: tests/pgserver.py, tests/redisserver.py), loads the curated data with `init`, subscribes
`--subscribers` addresses to Teton County, WY, and starts an SMTP server (aiosmtpd, in its own
process) that records every message it accepts. Then it starts, all over that one database and
that one Redis:

- two `web` processes (gunicorn with gunicorn.conf.py, one worker each),
- two clocks (`python -m service.clock`, sources replaying tests/fixtures/scrapers),
- two mail senders (`flask mail send` in a loop), besides the clocks' own send jobs.

Load (wrk, cycling through the 901 evaluation lookups): first through one web process, then
through both at once with the same number of connections in all, then through both again
while `init` records a change to Teton County's law (a ban becomes a restriction), which
queues one email per subscriber. It prints: every lookup answered (no error, no failed
connection); both web processes answering with the new rule after the change; rate limits
shared (the batch limit, 10 a minute per client, holds across both processes; the lookup
counts add up in one count); each scheduled job run once (one run per source; no due change
recorded twice); each email sent once (per subscriber, per Message-ID); and throughput with
two web processes vs one, with the cores each part of the system used meanwhile (web
processes, wrk, Redis, PostgreSQL, clocks, mail), read from /proc (bench/cpu_use.py).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cpu_use import cores_line, measured  # noqa: E402
from http_lookup import Wrk, ensure_wrk, lookup_paths, rotation  # noqa: E402
from served import BIN, start_gunicorn, wait_until_up  # noqa: E402

from bench.fanout import smtp_server  # noqa: E402
from tests.lawset import TETON, copy_laws  # noqa: E402
from tests.mailhelp import free_port  # noqa: E402
from tests.pgserver import PostgresServer  # noqa: E402
from tests.redisserver import RedisServer  # noqa: E402
from tests.scrapehelp import FIXTURES  # noqa: E402

TETON_FILE = "country-us/state-wy/county-teton.yaml"
BAN = '    activities: prohibited\n    scope: whole\n    effective_from: "2027-01-01"'
SALE_ALLOWED = (
    "    activities:\n      possess: allowed\n      buy: allowed\n      sell: allowed\n"
    '      make: prohibited\n    scope: whole\n    effective_from: "2027-01-01"'
)
TETON_VERDICT = "/api/v1/verdict?jurisdiction=" + TETON + "&date=2027-02-01"
LOOKUPS_PER_HOUR = 10_000_000
LOOKUP_LIMIT = f"{LOOKUPS_PER_HOUR}/hour"


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "service", *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


def subscribe(env: dict, count: int) -> list[str]:
    os.environ.update(env)
    from service import create_app
    from service.db import db
    from tests.mailhelp import subscribe_many

    app = create_app()
    addresses = [f"reader{n}@example.com" for n in range(count)]
    with app.app_context():
        subscribe_many(db.session, addresses, TETON)
        db.session.commit()
        db.engine.dispose()
    return addresses


def sender_loop(stop_file: str) -> None:
    """A mail sender: `mail send`, again and again, until told to stop."""
    from service import create_app
    from service.mail.delivery import drain

    app = create_app()
    while not Path(stop_file).exists():
        drain(app)
        time.sleep(0.3)


def status_of(base: str, path: str, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def verdict_status(base: str) -> str:
    with urllib.request.urlopen(base + TETON_VERDICT, timeout=30) as response:
        return json.load(response)["verdict"]["kratom"]["status"]


def remaining(base: str) -> int:
    with urllib.request.urlopen(base + "/api/v1/lookup?q=Tampa", timeout=30) as response:
        return int(response.headers["X-RateLimit-Remaining"])


def load_both(wrk: Wrk, bases: list[str], script: Path, env=None, laws=None) -> tuple:
    """wrk through both web processes at once; a third of the way in, record the change (if
    `laws` is given)."""
    runs = [
        subprocess.Popen(
            [wrk.binary, "-t1", f"-c{wrk.connections}", f"-d{wrk.seconds}s", "--latency",
             "-H", "Accept-Encoding: gzip", "-s", str(script), base],
            stdout=subprocess.PIPE, text=True,
        )
        for base in bases
    ]  # fmt: skip
    if laws is None:
        return [Wrk.parse(run.communicate()[0]) for run in runs], None, None
    time.sleep(wrk.seconds / 3)
    path = laws / TETON_FILE
    path.write_text(path.read_text().replace(BAN, SALE_ALLOWED, 1))
    changed_at = time.monotonic()
    init_output = flask(env, "init")
    outputs = [run.communicate()[0] for run in runs]
    return [Wrk.parse(output) for output in outputs], init_output, changed_at


def wait_for_mail(env: dict, expected: int, timeout: float = 120) -> float:
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    started = time.monotonic()
    try:
        while time.monotonic() - started < timeout:
            with engine.connect() as conn:
                rows = dict(
                    conn.execute(text("SELECT state, count(*) FROM outbox GROUP BY state")).all()
                )
            if (
                rows.get("sent", 0) >= expected
                and not rows.get("queued")
                and not rows.get("sending")
            ):
                return time.monotonic() - started
            time.sleep(0.5)
        raise SystemExit(f"the outbox did not drain: {rows}")
    finally:
        engine.dispose()


def jobs_once(env: dict) -> tuple[Counter, int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        runs = Counter(
            dict(
                conn.execute(text("SELECT source, count(*) FROM scrape_runs GROUP BY source")).all()
            )
        )
        keys = [
            k
            for (k,) in conn.execute(
                text("SELECT dedupe_key FROM changes WHERE origin = 'schedule'")
            )
        ]
    engine.dispose()  # fmt: skip
    return runs, len(keys), len(set(keys))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--subscribers", type=int, default=300)
    args = parser.parse_args()
    wrk = Wrk(ensure_wrk(), args.seconds, args.connections, gzip=True)
    folder = Path(tempfile.mkdtemp(prefix="kratom-scale-"))
    postgres, redis = PostgresServer().start(), RedisServer().start()
    processes: list[subprocess.Popen] = []
    smtp = None
    try:
        postgres.admin("CREATE DATABASE kratom")
        smtp_port = free_port()
        laws = copy_laws(folder / "laws")
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url("kratom"),
            "RATE_LIMIT_STORAGE": redis.url + "/0",
            "RATE_LIMIT_API": LOOKUP_LIMIT,
            "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
            "SECRET_KEY": "scale-out-bench-" + "k" * 32,
            "LAWS_DIR": str(laws),
            "SCRAPE_REPLAY_DIR": str(FIXTURES),
            "MAIL_SEND_SECONDS": "1",
        }
        flask(env, "init")
        addresses = subscribe(env, args.subscribers)
        smtp, smtp_stop, results = start_smtp(smtp_port, folder)
        webs = [start_gunicorn(1, env) for _ in range(2)]
        processes += [server for server, _ in webs]
        bases = [base for _, base in webs]
        for server, base in webs:
            wait_until_up(server, base + "/api/v1/health")
        stop_file = folder / "stop-senders"
        logs = [open(folder / f"clock{n}.log", "w") for n in range(2)]  # noqa: SIM115
        processes += [
            subprocess.Popen([sys.executable, "-m", "service.clock"], cwd=ROOT, env=env,
                             stdout=log, stderr=subprocess.STDOUT)
            for log in logs
        ]  # fmt: skip
        processes += [
            subprocess.Popen(
                [sys.executable, __file__, "--sender", str(stop_file)], cwd=ROOT, env=env
            )
            for _ in range(2)
        ]
        groups = {
            "web": [server.pid for server, _ in webs],
            "Redis": [redis.process.pid],
            "PostgreSQL": [postmaster(postgres)],
            "clocks": [process.pid for process in processes[2:4]],
            "mail": [process.pid for process in processes[4:]] + [smtp.pid],
        }
        report(args, wrk, bases, env, laws, folder, addresses, stop_file, smtp_stop, results,
               groups)  # fmt: skip
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        if smtp is not None and smtp.is_alive():
            smtp.terminate()
        redis.stop()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def start_smtp(port: int, folder: Path):
    ready, smtp_stop = multiprocessing.Event(), multiprocessing.Event()
    results = folder / "smtp.json"
    smtp = multiprocessing.Process(target=smtp_server, args=(port, str(results), ready, smtp_stop))
    smtp.start()
    ready.wait(30)
    return smtp, smtp_stop, results


def postmaster(postgres: PostgresServer) -> int:
    return int((postgres.datadir / "postmaster.pid").read_text().split()[0])


def report(args, wrk, bases, env, laws, folder, addresses, stop_file, smtp_stop, results, groups):
    script = rotation(lookup_paths(), folder, "lookups")
    before = [verdict_status(base) for base in bases]
    warm = [wrk.run(bases[0], script), wrk.run(bases[1], script)]
    one, one_cores = measured(groups, lambda: wrk.run(bases[0], script))
    halves = Wrk(wrk.binary, wrk.seconds, max(1, wrk.connections // 2), gzip=True)
    quiet, both_cores = measured(groups, lambda: load_both(halves, bases, script)[0])
    both, init_output, changed_at = load_both(halves, bases, script, env, laws)
    sent = sum(r["requests"] for r in (*warm, one, *quiet, *both))
    time.sleep(2)  # RULES_REFRESH_SECONDS: each process sees the new rules within a second
    after = [verdict_status(base) for base in bases]
    shared = [remaining(bases[n % 2]) for n in range(4)]
    batch = {"locations": [{"q": "Tampa"}]}
    batches = [status_of(bases[n % 2], "/api/v1/lookup/batch", batch) for n in range(12)]
    wait_for_mail(env, len(addresses))
    mail_seconds = time.monotonic() - changed_at
    stop_file.write_text("stop")
    time.sleep(1)
    smtp_stop.set()
    time.sleep(1)
    seen = json.loads(results.read_text()) if results.exists() else []
    per_address = Counter(rcpt for rcpt, _ in seen)
    per_message = Counter(message_id for _, message_id in seen)
    runs, due, due_distinct = jobs_once(env)
    answered = all(r["bad"] == 0 for r in (one, *quiet, *both))
    failures = [r["socket_errors"] for r in (one, *quiet, *both) if r["socket_errors"]]
    total_quiet, total_both = sum(r["rps"] for r in quiet), sum(r["rps"] for r in both)
    print(f"PostgreSQL {postgres_version(env)} and Redis on this machine; 2 web processes "
          f"(1 gthread worker each), 2 clocks, 2 mail senders; wrk {wrk.connections} "
          f"connections in all, {wrk.seconds} s, 901 distinct lookups")  # fmt: skip
    print(
        f"every lookup answered: {answered and not failures} (non-2xx: one process "
        f"{one['bad']}, both {[r['bad'] for r in (*quiet, *both)]}; connection errors: "
        f"{failures or 0})"
    )
    split = " + ".join(f"{r['rps']:.0f}" for r in quiet)
    print(
        f"throughput: one web process {one['rps']:.0f} req/s; two {total_quiet:.0f} req/s "
        f"({split}), x{total_quiet / one['rps']:.2f}; two while the change is recorded and "
        f"mailed {total_both:.0f} req/s"
    )
    print(f"  CPU with one web process: {cores_line(one_cores)}")
    print(f"  CPU with two web processes: {cores_line(both_cores)}")
    print(
        f"change recorded during the load: {init_output.splitlines()[1]}; Teton County's "
        f"verdict on 2027-02-01 before {before}, after {after}"
    )
    print(
        f"rate limits shared: X-RateLimit-Remaining on alternate processes {shared}: one "
        f"count, {LOOKUPS_PER_HOUR - shared[0]} lookups counted, {sent} sent by wrk through "
        f"both and 1 probe; batches (10/minute per client) sent alternately to both: "
        f"{dict(Counter(batches))}"
    )
    print(
        f"scheduled jobs: runs per source {dict(runs)}; due changes {due} recorded, "
        f"{due_distinct} distinct; the clocks' logs: {clock_lines(folder)}"
    )
    print(
        f"emails: {len(seen)} accepted for {len(addresses)} subscribers, all within "
        f"{mail_seconds:.1f} s of the change; "
        f"each subscriber once: {sorted(set(per_address.values())) == [1]} and all "
        f"{len(per_address) == len(addresses)}; each Message-ID once: "
        f"{sorted(set(per_message.values())) == [1]}"
    )


def clock_lines(folder: Path) -> dict:
    """Per locked job, how the two clocks' logs say each tick went: run or skipped."""
    outcomes: Counter = Counter()
    for log in folder.glob("clock*.log"):
        for line in log.read_text().splitlines():
            for job in ("changes_due", "mail_upkeep"):
                if f" {job}: " in line:
                    outcomes[(job, "skipped" if "skipped" in line else "ran")] += 1
    return {f"{job} {outcome}": count for (job, outcome), count in sorted(outcomes.items())}


def postgres_version(env: dict) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar()
    engine.dispose()
    return version


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sender":
        sender_loop(sys.argv[2])
    else:
        main()
