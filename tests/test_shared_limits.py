"""Rate limits shared by every worker through Redis: two app instances, each its own gunicorn
process, count one client's requests together; with memory:// each would count alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from service import create_app
from service.config import ConfigError
from tests.conftest import REQUIRE_POSTGRES
from tests.redisserver import RedisServer, RedisUnavailable, free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
PATH = "/api/v1/jurisdictions/ocd-division/country:us/state:tn"


@pytest.fixture(scope="module")
def redis_server():
    try:
        server = RedisServer().start()
    except RedisUnavailable as exc:
        if REQUIRE_POSTGRES:  # CI: every service the suite needs must be there
            pytest.fail(f"redis-server is required: {exc}")
        pytest.skip(f"redis tests skipped: {exc}")
    yield server
    server.stop()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(server: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited at start"
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


@pytest.fixture
def two_instances(sqlite_template, tmp_path):
    """Start two single-worker gunicorn servers over one database with the given storage."""
    started = []

    def start(storage: str) -> list[str]:
        database = tmp_path / f"db{len(started)}.sqlite3"
        shutil.copy(sqlite_template, database)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "s" * 32,
            "RATE_LIMIT_STORAGE": storage,
            "RATE_LIMIT_API": "3/minute",
        }
        bases = []
        for _ in range(2):
            port = free_port()
            command = [str(GUNICORN), "--workers", "1", "--bind", f"127.0.0.1:{port}"]
            server = subprocess.Popen(
                [*command, "--log-level", "warning", "service:create_app()"], cwd=ROOT, env=env
            )
            started.append(server)
            bases.append(f"http://127.0.0.1:{port}")
        for server, base in zip(started[-2:], bases, strict=True):
            wait_until_up(server, base)
        return bases

    yield start
    for server in started:
        server.terminate()
        server.wait(timeout=30)


def alternating(bases: list[str], count: int) -> list[int]:
    return [status(bases[n % 2] + PATH) for n in range(count)]


def test_two_instances_share_one_count_through_redis(two_instances, redis_server):
    codes = alternating(two_instances(redis_server.url + "/0"), 8)
    assert codes.count(200) == 3 and codes.count(429) == 5


def test_in_memory_counts_are_per_instance(two_instances):
    codes = alternating(two_instances("memory://"), 8)
    assert codes.count(200) == 6


def test_a_redis_storage_starts_cleanly(redis_server, tmp_path):
    app = create_app(
        {"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT_STORAGE": redis_server.url, "TESTING": True}
    )
    assert app.extensions["kratom.counters"]


def test_a_hit_counts_in_the_windows_the_limits_library_keeps(redis_server):
    """One round trip per hit (a script), in the very keys and windows of `limits`' own
    fixed-window limiter: the two see one count and one reset time."""
    from limits import parse
    from limits.storage import storage_from_string
    from limits.strategies import FixedWindowRateLimiter

    from service.rate_counters import Counters

    item = parse("5/minute")
    counters = Counters(redis_server.url + "/1")
    windows = [counters.hit(item, "api.lookup", "ip:10.9.8.7") for _ in range(3)]
    assert [w.remaining for w in windows] == [4, 3, 2] and all(w.allowed for w in windows)
    library = FixedWindowRateLimiter(storage_from_string(redis_server.url + "/1"))
    stats = library.get_window_stats(item, "api.lookup", "ip:10.9.8.7")
    assert stats.remaining == 2 and abs(stats.reset_time - windows[-1].reset_at) <= 1
    assert library.hit(item, "api.lookup", "ip:10.9.8.7")
    assert counters.hit(item, "api.lookup", "ip:10.9.8.7").remaining == 0
    assert not counters.hit(item, "api.lookup", "ip:10.9.8.7").allowed


@pytest.mark.parametrize("uri", ["nonsense", "ftp://host", "redis//missing-colon"])
def test_an_unusable_storage_stops_the_start_with_a_clear_error(tmp_path, uri):
    with pytest.raises(ConfigError, match="RATE_LIMIT_STORAGE"):
        create_app({"INSTANCE_PATH": str(tmp_path), "RATE_LIMIT_STORAGE": uri})


def test_while_redis_is_unreachable_each_worker_counts_in_memory(app_with):
    app = app_with(
        RATE_LIMIT_STORAGE=f"redis://127.0.0.1:{free_port()}/0", RATE_LIMIT_API="2/minute"
    )
    client = app.test_client()
    assert [client.get(PATH).status_code for _ in range(3)] == [200, 200, 429]
