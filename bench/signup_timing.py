"""Does a sign-up's answer time tell whether an address is already subscribed? In one run.

    python bench/signup_timing.py [--pairs 300]

Builds a fresh SQLite database, serves it with gunicorn (one sync worker, rate limits off),
signs up `--pairs` addresses and lets `flask mail send` settle them into subscriptions. Then
it times pairs of sign-ups over HTTP, one new address and one already subscribed, taking turns
at which goes first. Prints the median and p90 of each kind, the difference of the medians,
and the share of pairs in which the new address was the slower. The bound it checks: the
medians differ by at most 1 ms and by at most 10%, and the new address is the slower in 35% to
65% of the pairs (a coin toss: timing tells nothing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from served import BIN, served  # noqa: E402

PLACE = "ocd-division/country:us/state:ky"


def sign_up(session: requests.Session, base: str, address: str) -> float:
    began = time.perf_counter()
    response = session.post(
        f"{base}/api/v1/subscriptions", json={"email": address, "jurisdiction": PLACE}
    )
    took = time.perf_counter() - began
    assert response.status_code == 202, response.text
    return took * 1000


def settle(folder: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
    command = [str(BIN / "flask"), "--app", "service", "mail", "send"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=300)
    pairs = parser.parse_args().pairs
    with served(1, RATE_LIMITS="off") as (base, folder):
        session = requests.Session()
        for n in range(pairs):
            sign_up(session, base, f"member{n}@example.com")
        settle(folder)
        for n in range(20):  # warm up both paths
            sign_up(session, base, f"warm{n}@example.com")
            sign_up(session, base, f"member{n}@example.com")
        new, known = [], []
        for n in range(pairs):
            first, second = (new, known) if n % 2 else (known, new)
            addresses = {id(new): f"stranger{n}@example.com", id(known): f"member{n}@example.com"}
            for times in (first, second):
                times.append(sign_up(session, base, addresses[id(times)]))
    report(new, known)


def report(new: list[float], known: list[float]) -> None:
    new_median, known_median = statistics.median(new), statistics.median(known)
    difference = new_median - known_median
    share = sum(a > b for a, b in zip(new, known, strict=True)) / len(new)
    print(f"{len(new)} pairs of sign-ups over HTTP; gunicorn, one sync worker, SQLite")
    print(f"new address:        median {new_median:.2f} ms, p90 {p90(new):.2f} ms")
    print(f"already subscribed: median {known_median:.2f} ms, p90 {p90(known):.2f} ms")
    print(
        f"difference of medians: {difference:+.2f} ms ({difference / known_median:+.1%}); "
        f"new address slower in {share:.0%} of pairs"
    )
    within = abs(difference) <= 1.0 and abs(difference) <= 0.10 * known_median
    within = within and 0.35 <= share <= 0.65
    print(
        "bound (|difference| <= 1 ms and <= 10%, slower in 35-65% of pairs): "
        + ("met" if within else "NOT met")
    )


if __name__ == "__main__":
    main()
