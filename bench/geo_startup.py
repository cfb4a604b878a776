"""Start-up time and memory of one worker, with all geographic data loaded, in fresh processes.

    python bench/geo_startup.py [--runs 5]

Each run starts a new Python process that imports the service, calls create_app() and loads
the offline resolver (the division registry, boundaries, places, ZIPs and every index; a web
process does this before forking its workers, other commands when first needed), then answers
the whole evaluation set through the lookup endpoint to fill its caches. Prints the median
start-up time, the resident memory after start-up and after the lookups, and the median
in-process resolution time of text and point queries.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from served import fresh_database  # noqa: E402

CHILD = r"""
import csv, json, sys, time, urllib.parse
started = time.perf_counter()
from service import create_app
app = create_app()
geocoder = app.extensions["kratom.locator"].offline  # loaded on first use: load it now
ready = time.perf_counter() - started

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

rss_start = rss_mb()
rows = [r for name in ("geo_cases.csv", "geo_eval.csv")
        for r in csv.DictReader(open(f"bench/{name}", encoding="utf-8"))]
text_times, point_times = [], []
for row in rows:
    if row["kind"].endswith("point"):
        lat, lon = (float(v) for v in row["query"].split(","))
        begin = time.perf_counter(); geocoder.resolve_point(lat, lon)
        point_times.append(time.perf_counter() - begin)
    else:
        begin = time.perf_counter(); geocoder.resolve.__wrapped__(row["query"])
        text_times.append(time.perf_counter() - begin)
client = app.test_client()
for row in rows:
    if row["kind"].endswith("point"):
        lat, lon = row["query"].split(",")
        query = {"lat": lat, "lon": lon}
    else:
        query = {"q": row["query"]}
    client.get("/api/v1/lookup?" + urllib.parse.urlencode(query))
print(json.dumps({
    "ready": ready, "rss_start": rss_start, "rss_after": rss_mb(),
    "text_ms": sorted(text_times)[len(text_times) // 2] * 1000,
    "point_ms": sorted(point_times)[len(point_times) // 2] * 1000,
    "queries": len(rows),
}))
"""


def one_run(env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = fresh_database(folder)
        runs = [one_run(env) for _ in range(args.runs)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"{args.runs} fresh processes, {runs[0]['queries']} lookups each")
    each = ", ".join(f"{r['ready']:.2f}" for r in runs)
    print(
        f"start-up with all geographic data: {median['ready']:.2f} s median "
        f"(runs: {each}; target <= 1.5 s)"
    )
    print(
        f"resident memory: {median['rss_start']:.0f} MB after start-up, "
        f"{median['rss_after']:.0f} MB after the lookups (target < 150 MB)"
    )
    print(
        f"in-process resolution, uncached: text {median['text_ms']:.3f} ms median "
        f"(target <= 0.5 ms), points {median['point_ms']:.3f} ms median (target <= 0.2 ms)"
    )


if __name__ == "__main__":
    main()
