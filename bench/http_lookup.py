"""Lookups and verdicts beside a bare Flask app under the same gunicorn settings, in one run;
worker memory, worker readiness after fork, slow clients and `init` with nothing to do.

    python bench/http_lookup.py [--seconds 1] [--rounds 21] [--workers 2] [--connections 8]
                                [--no-gzip]

Builds a fresh SQLite database with `init`, then starts three gunicorn servers with the
Procfile's settings (gunicorn.conf.py: gthread workers, preload) and `--workers`: the service
as configured by default, the service with its response cache off (RESPONSE_CACHE_MB=0, so
that every answer is written anew), and bench/bare_app.py (one route answering
{"hello": "world"}). wrk (Debian package `wrk`, installed with apt-get when missing and
running as root; 1 thread, `--connections`) drives each scenario and the bare route in turn,
`--rounds` times, alternating which goes first; each round's ratio is the service's requests
per second over the bare app's in the same round, and the median ratio is reported. Rounds are
many and short because each opens new connections, and how gunicorn's workers happen to share
8 keep-alive connections (4 + 4 or 7 + 1) moves one round's rate by up to half, for the bare
app as for the service.
Scenarios: one lookup repeated (`q=Denver, CO`); a stream cycling through the 901 distinct
queries of bench/geo_cases.csv and bench/geo_eval.csv (text, ZIP codes and points); verdicts
cycling through every jurisdiction with law of its own; the stream and the verdicts again with
the response cache off. Rate limits are on (with a limit no client reaches, so their cost is
counted). Requests say they accept gzip unless `--no-gzip`.

Memory is read from /proc/PID/smaps_rollup for each worker: RSS, PSS (shared pages divided
among the processes sharing them) and USS (pages only this worker holds: what one more worker
costs), after start-up and after 1,000 mixed lookups.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from served import BIN, fresh_database, start_gunicorn, stop, wait_until_up  # noqa: E402

BARE = "bare_app:app"
TARGETS = {
    "repeated lookup": 0.90,
    "stream of distinct lookups": 0.70,
    "verdicts": 0.85,
    "stream, response cache off": 0.70,
    "verdicts, response cache off": 0.85,
}


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is needed: apt-get install wrk")
    return found


def lookup_paths() -> list[str]:
    paths = []
    for name in ("geo_cases.csv", "geo_eval.csv"):
        for row in csv.DictReader((ROOT / "bench" / name).open(encoding="utf-8")):
            if row["expect"] == "NONE":
                continue
            if row["kind"].endswith("point"):
                lat, lon = row["query"].split(",")
                query = {"lat": lat, "lon": lon}
            else:
                query = {"q": row["query"]}
            paths.append("/api/v1/lookup?" + urllib.parse.urlencode(query))
    return paths


def verdict_paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/v1/jurisdictions", timeout=30) as response:
        listed = json.load(response)
    items = listed["jurisdictions"] if isinstance(listed, dict) else listed
    return [
        "/api/v1/verdict?" + urllib.parse.urlencode({"jurisdiction": item["id"]}) for item in items
    ]


def rotation(paths: list[str], folder: Path, name: str) -> Path:
    listed = folder / f"{name}.txt"
    listed.write_text("\n".join(paths) + "\n")
    script = folder / f"{name}.lua"
    script.write_text(
        f'paths = {{}}\nfor line in io.lines("{listed}") do paths[#paths + 1] = line end\n'
        "counter = 0\nrequest = function()\n  counter = counter + 1\n"
        "  return wrk.format(nil, paths[(counter % #paths) + 1])\nend\n"
    )
    return script


class Wrk:
    def __init__(self, binary: str, seconds: int, connections: int, gzip: bool):
        self.binary, self.seconds, self.connections, self.gzip = binary, seconds, connections, gzip

    def run(self, url: str, script: Path | None = None) -> dict:
        command = [self.binary, "-t1", f"-c{self.connections}", f"-d{self.seconds}s", "--latency"]
        if self.gzip:  # as most HTTP clients do (browsers, requests, curl --compressed)
            command += ["-H", "Accept-Encoding: gzip"]
        if script:
            command += ["-s", str(script)]
        output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
        return self.parse(output)

    @staticmethod
    def parse(output: str) -> dict:
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        failed = re.search(r"Socket errors: (.*)", output)
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "p50": _latency(output, "50%"),
            "p99": _latency(output, "99%"),
            "bad": int(errors.group(1)) if errors else 0,
            "socket_errors": failed.group(1) if failed else "",
        }


def _latency(output: str, label: str) -> float:
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def compare(wrk: Wrk, ours: tuple[str, Path | None], bare_url: str, rounds: int) -> dict:
    """Alternate the service and the bare app, `rounds` times; median of the per-round ratios."""
    runs, bares, ratios = [], [], []
    for index in range(rounds):
        if index % 2:
            mine, bare = wrk.run(*ours), wrk.run(bare_url)
        else:
            bare, mine = wrk.run(bare_url), wrk.run(*ours)
        runs.append(mine)
        bares.append(bare)
        ratios.append(mine["rps"] / bare["rps"])
    return {
        "ratio": statistics.median(ratios),
        "ratios": ratios,
        "rps": statistics.median(r["rps"] for r in runs),
        "bare_rps": statistics.median(r["rps"] for r in bares),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "bad": sum(r["bad"] for r in runs),
        "socket_errors": [r["socket_errors"] for r in runs if r["socket_errors"]],
    }


def workers_of(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in found.split())


def memory_mb(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    private = fields["Private_Clean"] + fields["Private_Dirty"]
    return {
        "rss": fields["Rss"] / 1024,
        "pss": fields["Pss"] / 1024,
        "uss": private / 1024,
    }


def memory_line(label: str, master: int) -> str:
    parts = []
    for pid in workers_of(master):
        m = memory_mb(pid)
        parts.append(f"RSS {m['rss']:.0f} MB, PSS {m['pss']:.0f} MB, USS {m['uss']:.0f} MB")
    return f"{label:<34} " + " | ".join(parts)


def mixed_lookups(base: str, paths: list[str], count: int) -> None:
    for index in range(count):
        request = urllib.request.Request(base + paths[index % len(paths)])
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()


def time_init(env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "flask"), "--app", "service", "init"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def worker_ready_after_fork(master: int, base: str) -> tuple[float, float]:
    """Stop one worker, kill the other: the master forks a new one, the only one that can
    answer. Seconds from the new process's start to its first answer, and from the kill."""
    stopped, killed = workers_of(master)[:2]
    os.kill(stopped, signal.SIGSTOP)
    try:
        killed_at = time.monotonic()
        os.kill(killed, signal.SIGKILL)
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/health", timeout=0.5).read()
                answered_at, uptime = time.monotonic(), uptime_seconds()
                break
            except OSError:
                time.sleep(0.002)
        new = [pid for pid in workers_of(master) if pid not in (stopped, killed)][0]
    finally:
        os.kill(stopped, signal.SIGCONT)
    return uptime - started_after_boot(new), answered_at - killed_at


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def uptime_seconds() -> float:
    return float(Path("/proc/uptime").read_text().split()[0])


def started_after_boot(pid: int) -> float:
    """A process's start, in seconds since boot (/proc/PID/stat, in clock ticks)."""
    ticks = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    return ticks / os.sysconf("SC_CLK_TCK")


def slow_clients(base: str, count: int = 50, partial: bool = False) -> float:
    """Open `count` connections that send nothing (or half a request), then time a probe."""
    host, port = base.removeprefix("http://").split(":")
    idle = []
    try:
        for _ in range(count):
            sock = socket.create_connection((host, int(port)), timeout=5)
            if partial:
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            idle.append(sock)
        time.sleep(0.2)
        started = time.perf_counter()
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=10).read()
        except OSError:
            return float("inf")  # not answered within 10 s
        return time.perf_counter() - started
    finally:
        for sock in idle:
            sock.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-gzip", action="store_true", help="do not send Accept-Encoding")
    args = parser.parse_args()
    wrk = Wrk(ensure_wrk(), args.seconds, args.connections, not args.no_gzip)
    settings = {"RATE_LIMIT_API": "1000000000/minute"}  # counted, never reached
    with tempfile.TemporaryDirectory() as folder:
        env = fresh_database(folder, **settings)
        init_seconds = min(time_init(env) for _ in range(3))
        service, base = start_gunicorn(args.workers, env)
        cold, cold_base = start_gunicorn(args.workers, {**env, "RESPONSE_CACHE_MB": "0"})
        bare, bare_base = start_gunicorn(
            args.workers, {**env, "PYTHONPATH": str(ROOT / "bench")}, BARE
        )
        try:
            wait_until_up(service, base + "/api/v1/health")
            wait_until_up(cold, cold_base + "/api/v1/health")
            wait_until_up(bare, bare_base + "/hello")
            while len(workers_of(service.pid)) < args.workers:
                time.sleep(0.1)
            bases = {"service": base, "cold": cold_base, "bare": bare_base}
            report(args, wrk, Path(folder), bases, service.pid, init_seconds)
        finally:
            for server in (service, cold, bare):
                stop(server)


def report(args, wrk: Wrk, folder: Path, bases: dict, master: int, init_s: float):
    base, cold, bare_base = bases["service"], bases["cold"], bases["bare"]
    load_before = load_average()
    lines = [memory_line("worker memory after start-up:", master)]
    lookups, verdicts = lookup_paths(), verdict_paths(base)
    mixed = [p for pair in zip(lookups, verdicts * 3, strict=False) for p in pair]
    mixed_lookups(base, mixed, 1000)
    lines.append(memory_line("after 1,000 mixed lookups:", master))
    mixed_lookups(base, lookups, len(lookups))  # every query once before the load
    streamed = rotation(lookups, folder, "lookups")
    verdicts_script = rotation(verdicts, folder, "verdicts")
    scenarios = {
        "repeated lookup": (base + "/api/v1/lookup?q=Denver%2C+CO", None),
        "stream of distinct lookups": (base, streamed),
        "verdicts": (base, verdicts_script),
        "stream, response cache off": (cold, streamed),
        "verdicts, response cache off": (cold, verdicts_script),
    }
    wrk.run(bare_base + "/hello")  # warm both
    results = {
        name: compare(wrk, ours, bare_base + "/hello", args.rounds)
        for name, ours in scenarios.items()
    }
    lines.append(memory_line("after the load:", master))
    fork_ready, kill_ready = worker_ready_after_fork(master, base)
    idle_probe, partial_probe = slow_clients(base), slow_clients(base, partial=True)
    print(
        f"gunicorn gthread workers: {args.workers} (gunicorn.conf.py); wrk: 1 thread, "
        f"{args.connections} connections, {args.seconds} s x {args.rounds} rounds per scenario; "
        f"gzip accepted: {not args.no_gzip}; "
        f"load average (1 min) {load_before} before, {load_average()} after; "
        f"{len(lookups)} distinct lookups, {len(verdicts)} verdicts"
    )
    for name, r in results.items():
        target = TARGETS[name]
        print(
            f"{name:<28} {r['rps']:>7.0f} req/s vs bare {r['bare_rps']:>7.0f}  "
            f"ratio {r['ratio']:.2f} (target >= {target:.2f}: "
            f"{'met' if r['ratio'] >= target else 'NOT met'}; rounds "
            + ", ".join(f"{x:.2f}" for x in r["ratios"])
            + f")  p50 {r['p50']:.2f} ms p99 {r['p99']:.2f} ms  non-2xx {r['bad']}"
            + (f"  socket errors {r['socket_errors']}" if r["socket_errors"] else "")
        )
    print("\n".join(lines))
    print(f"init with nothing to do: {init_s:.2f} s (best of 3; target <= 1 s)")
    print(
        f"worker ready after fork: {fork_ready:.3f} s from its start to its first answer "
        f"({kill_ready:.3f} s from killing the old one; target <= 1 s)"
    )
    print(
        f"probe with 50 idle connections open: {idle_probe * 1000:.0f} ms; with 50 half-sent "
        f"requests: {partial_probe * 1000:.0f} ms (target <= 1 s)"
    )


if __name__ == "__main__":
    main()
