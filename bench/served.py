"""The service as the benchmarks see it: a fresh SQLite database loaded by `init`, served by
gunicorn with the Procfile's settings (gunicorn.conf.py) on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def fresh_database(folder: str, **settings: str) -> dict:
    """Environment for a new database under `folder`, loaded with the curated data."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3", **settings}
    subprocess.run(
        [str(BIN / "flask"), "--app", "service", "init"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(server: subprocess.Popen, url: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def start_gunicorn(workers: int, env: dict, app: str = "service:create_app()", *extra: str):
    """gunicorn with gunicorn.conf.py (as the Procfile runs it) on a free port: (process, URL)."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        *extra,
        app,
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    return server, f"http://127.0.0.1:{port}"


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


@contextmanager
def served(workers: int, **settings: str):
    """Yield (base URL, temporary folder) while gunicorn serves a fresh database."""
    with tempfile.TemporaryDirectory() as folder:
        env = fresh_database(folder, **settings)
        server, base = start_gunicorn(workers, env)
        try:
            wait_until_up(server, base + "/api/v1/health")
            yield base, Path(folder)
        finally:
            stop(server)
