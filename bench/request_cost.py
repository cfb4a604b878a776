"""CPU time one request costs inside the process, by kind of request, beside a bare Flask app.

    python bench/request_cost.py [--requests 3000] [--profile SCENARIO]

Builds a fresh SQLite database with `init` and calls the app's WSGI entry point directly (no
server, no network: what is left is the app's own cost per request, hooks, limiter, headers,
session, JSON and all). Rate limits are on with a limit never reached, the response cache has
its default size unless a scenario turns it off. CPU time (time.process_time) per request, the
best of five passes. `--profile NAME` prints the functions that cost most in that scenario
(cProfile), which is how the costs cut by the serving work were found.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from served import fresh_database  # noqa: E402

DENVER = "/api/v1/lookup?q=Denver%2C+CO"
TENNESSEE = "/api/v1/verdict?jurisdiction=ocd-division/country:us/state:tn"
# name: (which app, paths cycled through; None: the 901 evaluation lookups)
SCENARIOS = {
    "bare Flask route": ("bare", ["/hello"]),
    "health": ("app", ["/api/v1/health"]),
    "repeated lookup": ("app", [DENVER]),
    "verdict": ("app", [TENNESSEE]),
    "stream of 901 lookups": ("app", None),
    "repeated lookup, cache off": ("cold", [DENVER]),
    "verdict, cache off": ("cold", [TENNESSEE]),
    "stream of 901 lookups, cache off": ("cold", None),
}


def environ_for(path: str) -> dict:
    from werkzeug.test import EnvironBuilder

    headers = {"Accept-Encoding": "gzip"}
    return EnvironBuilder(path=path, headers=headers).get_environ()


def call(app, environ: dict) -> None:
    body = app(dict(environ), lambda status, headers, exc_info=None: None)
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()


def cost(app, environs: list[dict], requests: int) -> float:
    for environ in environs:  # warm: caches filled, first-time work done
        call(app, environ)
    best = float("inf")
    per_pass = requests // 5
    for _ in range(5):
        started = time.process_time()
        for n in range(per_pass):
            call(app, environs[n % len(environs)])
        best = min(best, (time.process_time() - started) / per_pass)
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", choices=list(SCENARIOS))
    args = parser.parse_args()
    from bare_app import app as bare
    from http_lookup import lookup_paths

    with tempfile.TemporaryDirectory() as folder:
        env = fresh_database(folder, RATE_LIMIT_API="1000000000/minute")
        os.environ.update(env)
        from service import create_app

        apps = {"bare": bare, "app": create_app(), "cold": create_app({"RESPONSE_CACHE_MB": 0})}
        stream = lookup_paths()
        for name, (which, paths) in SCENARIOS.items():
            if args.profile and name != args.profile:
                continue
            environs = [environ_for(p) for p in (paths or stream)]
            app = apps[which]
            print(f"{name:<34} {cost(app, environs, args.requests):8.1f} us of CPU per request")
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for environ in environs * 3:
                    call(app, environ)
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
