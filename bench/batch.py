"""A batch of 1,000 mixed lookups end to end over HTTP, beside single lookups, in one run.

    python bench/batch.py [--workers 2]

Builds a fresh SQLite database and starts gunicorn (the Procfile's server) with rate limits
and the answer cache off, so every item is resolved and decided. Sends one POST
/api/v1/lookup/batch with 1,000 locations (text, ZIP and points from the evaluation set), then
the same 1,000 as single GET /api/v1/lookup requests over one keep-alive connection. Prints
the batch's wall time (target <= 2 s) and both per-item rates. Last, the same batch to a
server whose time budget (BATCH_BUDGET_SECONDS) is too short for it, to show the budget
bounding how long one batch holds a worker and every location still getting its result.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from served import served  # noqa: E402

ITEMS = 1000
SHORT = {"BATCH_BUDGET_SECONDS": "0.1"}  # a budget the batch cannot finish within


def locations() -> list[dict]:
    rows = []
    for name in ("geo_eval.csv", "geo_cases.csv"):
        rows += list(csv.DictReader((ROOT / "bench" / name).open(encoding="utf-8")))
    items = []
    for row in rows:
        if row["kind"].endswith("point"):
            lat, lon = (float(v) for v in row["query"].split(","))
            items.append({"lat": lat, "lon": lon})
        elif row["kind"] == "us_zip" and row["query"].isdigit():
            items.append({"zip": row["query"]})
        else:
            items.append({"q": row["query"]})
    while len(items) < ITEMS:
        items += items[: ITEMS - len(items)]
    return items[:ITEMS]


def single_params(item: dict) -> dict:
    return {"q": item["zip"]} if "zip" in item else item


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    items = locations()
    with served(args.workers, RATE_LIMITS="off", RESPONSE_CACHE_MB="0") as (base, _):
        session = requests.Session()
        session.get(f"{base}/api/v1/lookup", params={"q": "Tampa"})  # one request to warm up
        began = time.perf_counter()
        response = session.post(f"{base}/api/v1/lookup/batch", json={"locations": items})
        batch_seconds = time.perf_counter() - began
        response.raise_for_status()
        results = response.json()["results"]
        began = time.perf_counter()
        for item in items:
            session.get(f"{base}/api/v1/lookup", params=single_params(item))
        single_seconds = time.perf_counter() - began
    with served(args.workers, RATE_LIMITS="off", RESPONSE_CACHE_MB="0", **SHORT) as (base, _):
        began = time.perf_counter()
        cut = requests.post(f"{base}/api/v1/lookup/batch", json={"locations": items}).json()
        cut_seconds = time.perf_counter() - began
    answered = sum(r["ok"] for r in results)
    print(
        f"{ITEMS} mixed locations (text, ZIP, points); gunicorn sync workers: {args.workers}; "
        "answer cache and rate limits off"
    )
    print(
        f"batch: {batch_seconds:.2f} s end to end (target <= 2 s), "
        f"{ITEMS / batch_seconds:.0f} items/s, {answered} answered, {ITEMS - answered} problems"
    )
    print(
        f"single lookups, one after another: {single_seconds:.2f} s, "
        f"{ITEMS / single_seconds:.0f} items/s"
    )
    print(f"per-item rate, batch / single: {single_seconds / batch_seconds:.1f}x")
    skipped = sum(r["problem"]["title"] == "Not answered" for r in cut["results"] if not r["ok"])
    print(
        f"the same batch with BATCH_BUDGET_SECONDS={SHORT['BATCH_BUDGET_SECONDS']}: "
        f"{cut_seconds:.2f} s end to end, {ITEMS - skipped} answered, {skipped} not answered, "
        f"{len(cut['results'])} results"
    )


if __name__ == "__main__":
    main()
