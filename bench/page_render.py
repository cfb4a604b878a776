"""Server render time of the answer page, beside the JSON lookup for the same questions, and
the weight of every page type, in one run.

    python -m bench.page_render [--passes 2]

Builds a fresh SQLite database with the curated load, then asks the app in-process (Flask's
test client: routing, resolving, the verdict, Jinja and the response, no network) for
/lookup and /api/v1/lookup (its answer cache off, so both do the same work) for every
answerable query of bench/geo_cases.csv and bench/geo_eval.csv. The first pass meets each
chain of jurisdictions for the first time; later passes find its verdict memoised, as a
running worker mostly does. Prints the median and p95 of each, and each page's bytes of
HTML + CSS + JS before compression.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import tempfile
import time
import urllib.parse
from pathlib import Path

from service import create_app
from service.bootstrap import load_data, upgrade_schema
from service.db import db

ROOT = Path(__file__).resolve().parent.parent
WEIGHED = {
    "home": "/",
    "answer (Oceanside, CA)": "/lookup?q=Oceanside,+CA",
    "answer (ZIP 64111, approximate)": "/lookup?q=64111",
    "answer (point near a county line)": "/lookup?lat=27.3880&lon=-82.4460",
    "candidates (Springfield)": "/lookup?q=Springfield",
    "jurisdiction (United States)": "/j/ocd-division/country:us",
    "jurisdiction (Florida)": "/j/ocd-division/country:us/state:fl",
    "changes": "/changes",
    "status": "/status",
    "API page": "/developers",
    "400 page": "/lookup?q=",
}


def questions() -> list[str]:
    queries = []
    for name in ("geo_cases.csv", "geo_eval.csv"):
        for row in csv.DictReader((ROOT / "bench" / name).open(encoding="utf-8")):
            if row["expect"] == "NONE":
                continue
            if row["kind"].endswith("point"):
                lat, lon = row["query"].split(",")
                queries.append(urllib.parse.urlencode({"lat": lat, "lon": lon}))
            else:
                queries.append(urllib.parse.urlencode({"q": row["query"]}))
    return queries


def build_app(folder: Path):
    config = {"INSTANCE_PATH": str(folder), "RATE_LIMITS": "off", "RESPONSE_CACHE_MB": 0}
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", **config})
    with app.app_context():
        upgrade_schema()
        load_data(app.config["LAWS_DIR"])
        db.session.remove()
    return app


def timed(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    return elapsed * 1000


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"| {label} | {len(times)} | {statistics.median(times):.2f} ms | {p95:.2f} ms |"


def weight(client, path: str) -> int:
    html = client.get(path).get_data()
    assets = re.findall(rb'(?:<link rel="stylesheet" href|<script src)="([^"]+)"', html)
    total = len(html)
    for asset in assets:
        with client.get(asset.decode()) as response:
            total += len(response.get_data())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))
        client = app.test_client()
        queries = questions()
        print("| request | n | median | p95 |\n| --- | ---: | ---: | ---: |")
        for n in range(args.passes):
            label = "first pass" if n == 0 else f"pass {n + 1}"
            pages = [timed(client, "/lookup?" + q) for q in queries]
            api = [timed(client, "/api/v1/lookup?" + q) for q in queries]
            print(summary(f"answer page `/lookup`, {label}", pages))
            print(summary(f"JSON `/api/v1/lookup`, {label}", api))
            ratio = statistics.median(pages) / statistics.median(api)
            print(f"| ratio page / JSON (medians) | | {ratio:.2f} | |")
        home = [timed(client, "/") for _ in range(200)]
        print(summary("home page `/` (both maps)", home))
        print("\n| page | HTML + CSS + JS | of 100 KB budget |\n| --- | ---: | ---: |")
        for name, path in WEIGHED.items():
            size = weight(client, path)
            print(f"| {name} | {size:,} B | {size / 1000:.0f}% |")


if __name__ == "__main__":
    main()
