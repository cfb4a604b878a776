"""Throughput of GET /api/v1/lookup beside a trivial JSON route of the same app, in one run.

    python bench/http_lookup.py [--seconds 10] [--workers 2] [--connections 16]

Builds a fresh SQLite database, starts gunicorn with the Procfile's settings (sync workers,
`service:create_app()`), and drives both routes with wrk (Debian package `wrk`; installed with
apt-get when missing and running as root). The lookup requests rotate through text, ZIP and
point queries from bench/geo_cases.csv and bench/geo_eval.csv, and say they accept gzip, as
most HTTP clients do. Prints requests per second, p50 and p99 latency of each, and the ratio
lookup / trivial.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from served import served  # noqa: E402


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is needed: apt-get install wrk")
    return found


def lookup_paths(limit: int = 2000) -> list[str]:
    paths = []
    for name in ("geo_cases.csv", "geo_eval.csv"):
        for row in csv.DictReader((ROOT / "bench" / name).open(encoding="utf-8")):
            if row["expect"] in ("NONE",):
                continue
            if row["kind"].endswith("point"):
                lat, lon = row["query"].split(",")
                query = {"lat": lat, "lon": lon}
            else:
                query = {"q": row["query"]}
            paths.append("/api/v1/lookup?" + urllib.parse.urlencode(query))
    return paths[:limit]


def run_wrk(wrk: str, url: str, seconds: int, connections: int, script: Path | None) -> dict:
    # Like most HTTP clients (browsers, requests, curl --compressed), wrk says it takes gzip.
    command = [
        wrk,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        url,
        "-H",
        "Accept-Encoding: gzip",
    ]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": _latency(output, "50%"),
        "p99": _latency(output, "99%"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _latency(output: str, label: str) -> float:
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def rotation_script(paths: list[str], folder: Path) -> Path:
    quoted = ",\n".join(f'  "{p}"' for p in paths)
    script = folder / "rotate.lua"
    script.write_text(
        f"paths = {{\n{quoted}\n}}\ncounter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        "  return wrk.format(nil, paths[(counter % #paths) + 1])\nend\n"
    )
    return script


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--cold", action="store_true", help="turn the response cache off (RESPONSE_CACHE_MB=0)"
    )
    args = parser.parse_args()
    wrk = ensure_wrk()
    # One client sends thousands of requests a second: per-client limits would cut it off.
    settings = {"RATE_LIMITS": "off", **({"RESPONSE_CACHE_MB": "0"} if args.cold else {})}
    with served(args.workers, **settings) as (base, folder):
        paths = lookup_paths()
        script = rotation_script(paths, folder)
        run_wrk(wrk, base + "/api/v1/health", 2, args.connections, None)  # warm up
        run_wrk(wrk, base, 2, args.connections, script)
        trivial = run_wrk(wrk, base + "/api/v1/health", args.seconds, args.connections, None)
        lookup = run_wrk(wrk, base, args.seconds, args.connections, script)
    cache = "off" if args.cold else "on"
    print(
        f"gunicorn sync workers: {args.workers}, wrk: 2 threads, {args.connections} connections, "
        f"{args.seconds} s per route, {len(paths)} distinct lookup queries, response cache {cache}"
    )
    for name, result in (("trivial /api/v1/health", trivial), ("lookup /api/v1/lookup", lookup)):
        print(
            f"{name:<24} {result['rps']:>9.0f} req/s  p50 {result['p50']:.2f} ms  "
            f"p99 {result['p99']:.2f} ms  non-2xx {result['non_2xx']}"
        )
    print(f"ratio lookup / trivial: {lookup['rps'] / trivial['rps']:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
