"""The `web` process as the Procfile starts it (gunicorn.conf.py: gthread workers, the app
preloaded in the master): workers forked ready to answer, idle and half-sent connections that
do not stop it, and a worker replaced after a crash. Timings are benchmarks
(bench/http_lookup.py); these tests give each probe a few seconds where a blocked server
would need the 30 s of its timeout."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.redisserver import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
PROBE_SECONDS = 3


@pytest.fixture(scope="module")
def web(sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    database = folder / "db.sqlite3"
    shutil.copy(sqlite_template, database)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "s" * 32}
    port = free_port()
    command = [str(GUNICORN), "--config", "gunicorn.conf.py", "--workers", "2"]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        assert server.poll() is None, "gunicorn exited at start"
        try:
            get(base + "/api/v1/health")
            break
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield server, base
    server.terminate()
    server.wait(timeout=30)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=PROBE_SECONDS) as response:
        return response.read()


def workers(server) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_workers_answer_lookups_with_the_preloaded_app(web):
    _server, base = web
    for _ in range(4):  # both workers, from the response cache and from the database
        assert b'"verdict"' in get(base + "/api/v1/lookup?q=Denver%2C+CO")
    assert b"ready" in get(base + "/api/v1/ready")


@pytest.mark.parametrize("half_sent", [False, True])
def test_fifty_idle_connections_do_not_stop_the_service(web, half_sent):
    _server, base = web
    host, port = base.removeprefix("http://").split(":")
    idle = []
    try:
        for _ in range(50):
            sock = socket.create_connection((host, int(port)), timeout=5)
            if half_sent:  # a request line and part of the headers, then nothing
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: example\r\n")
            idle.append(sock)
        time.sleep(0.2)
        assert get(base + "/api/v1/health") == b'{"status":"ok"}\n'
        assert b'"verdict"' in get(base + "/api/v1/verdict?jurisdiction=ocd-division/country:us")
    finally:
        for sock in idle:
            sock.close()


def test_a_crashed_worker_is_replaced_by_one_ready_to_answer(web):
    server, base = web
    stopped, killed = workers(server)[:2]
    os.kill(stopped, signal.SIGSTOP)  # only the new worker can answer
    try:
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while True:
            try:
                assert b'"verdict"' in get(base + "/api/v1/lookup?q=Tampa")
                break
            except OSError:
                assert time.monotonic() < deadline, "no worker answered"
                time.sleep(0.05)
    finally:
        os.kill(stopped, signal.SIGCONT)
    assert len(workers(server)) == 2
