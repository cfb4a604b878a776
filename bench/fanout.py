"""Benchmark: one change to a state with 10,000 confirmed subscribers, delivered to a local
SMTP server.

    .venv/bin/python -m bench.fanout [--subscribers N] [--senders N] [--database-url URL]

Target: every message delivered within 60 s of the change being recorded, none lost, none
twice. The SMTP server (aiosmtpd, a test requirement) runs in its own process on 127.0.0.1 and
counts what it accepts per recipient and Message-ID; senders are separate processes, started
and warmed before the clock starts, as the clock process is in production. Runs on a fresh
SQLite database in a temporary folder unless a database URL is given (it must be empty: the
schema and curated data are loaded first, untimed).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from service import create_app
from service.bootstrap import load_data, upgrade_schema
from service.db import db
from service.mail import outbox
from service.mail.delivery import drain
from service.mail.models import OutboxMessage
from tests.mailhelp import change, free_port, subscribe_many

TARGET_SECONDS = 60.0
STATE = "ocd-division/country:us/state:tn"
COUNTIES = ("davidson", "shelby", "knox", "hamilton")


def smtp_server(port: int, results: str, ready, stop) -> None:
    from aiosmtpd.controller import Controller

    class Counting:
        def __init__(self):
            self.seen = []

        async def handle_DATA(self, server, session, envelope):
            message_id = next(
                (line.split(b":", 1)[1].strip().decode() for line in envelope.content.split(b"\r\n")
                 if line.lower().startswith(b"message-id:")), None)  # fmt: skip
            self.seen.append([envelope.rcpt_tos[0], message_id])
            return "250 2.0.0 Accepted"

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    Path(results).write_text(json.dumps(handler.seen))


def sender(config: dict, ready, go, tallies) -> None:
    app = create_app(config)
    ready.release()
    go.wait()
    tallies.put(drain(app).sent)


def setup(config: dict, count: int) -> list[str]:
    app = create_app(config)
    addresses = [f"reader{n}@example.com" for n in range(count)]
    with app.app_context():
        upgrade_schema()
        load_data(app.config["LAWS_DIR"])
        places = [STATE] + [f"{STATE}/county:{county}" for county in COUNTIES]
        for number, place in enumerate(places):
            subscribe_many(db.session, addresses[number :: len(places)], place)
        db.session.commit()
        db.engine.dispose()
    return addresses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--senders", type=int, default=1)
    parser.add_argument("--database-url", help="an empty database (default: fresh SQLite)")
    args = parser.parse_args()
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as scratch:
        port, results = free_port(), f"{scratch}/received.json"
        config = {
            "DATABASE_URL": args.database_url or f"sqlite:///{scratch}/bench.sqlite3",
            "INSTANCE_PATH": scratch,
            "SMTP_URL": f"smtp://127.0.0.1:{port}",
            "SECRET_KEY": "bench",
        }
        addresses = setup(config, args.subscribers)
        up, stop, go = spawn.Event(), spawn.Event(), spawn.Event()
        server = spawn.Process(target=smtp_server, args=(port, results, up, stop))
        server.start()
        up.wait()
        warm, tallies = spawn.Semaphore(0), spawn.Queue()
        senders = [spawn.Process(target=sender, args=(config, warm, go, tallies))
                   for _ in range(args.senders)]  # fmt: skip
        for process in senders:
            process.start()
        for _ in senders:
            warm.acquire()
        timings = run(config, go, senders)
        sent = sum(tallies.get() for _ in senders)
        stop.set()
        server.join()
        received = json.loads(Path(results).read_text())
        report(args, addresses, timings, sent, received, queued_states(config))


def run(config: dict, go, senders) -> tuple[float, float]:
    app = create_app(config)
    started = time.perf_counter()
    with app.app_context():
        db.session.add(change(STATE, "in_force", old="banned", new="regulated"))
        db.session.commit()
        queued = time.perf_counter() - started
        db.engine.dispose()
    go.set()
    for process in senders:
        process.join()
    return queued, time.perf_counter() - started


def queued_states(config: dict) -> dict:
    app = create_app(config)
    with app.app_context():
        states = outbox.counts(db.session)
        states["messages"] = db.session.scalar(select(func.count()).select_from(OutboxMessage))
        db.engine.dispose()
    return states


def report(args, addresses, timings, sent: int, received: list, states: dict) -> None:
    queued, total = timings
    per_recipient = Counter(to for to, _ in received)
    lost = sum(1 for address in addresses if per_recipient[address] == 0)
    duplicates = sum(count - 1 for count in per_recipient.values() if count > 1)
    rate = len(received) / (total - queued)
    print(f"subscribers: {len(addresses)} confirmed, in {STATE} and four of its counties")
    print(f"queue: {states['messages']} messages queued with the change in {queued:.2f} s")
    print(f"delivery: {len(received)} accepted by the SMTP server in {total - queued:.2f} s "
          f"with {args.senders} sender(s): {rate:.0f} messages/s")  # fmt: skip
    print(f"change recorded to last message accepted: {total:.2f} s "
          f"({TARGET_SECONDS / total:.1f}x under the {TARGET_SECONDS:.0f} s target)")  # fmt: skip
    print(f"senders reported {sent} sent; outbox: {states.get('sent', 0)} sent")
    print(f"lost: {lost}, duplicates: {duplicates}")


if __name__ == "__main__":
    main()
