"""Rate-limit counters: fixed windows counted in the configured storage (Redis, through the
`limits` library), or in this process's memory, which is also where counting goes on while
the shared storage cannot be reached (it is tried again after STORAGE_RETRY_SECONDS).

A hit is one call to the storage, `count`, which adds to the window and says when it ends: in
Redis one script (the `limits` library's increment, then the key's time to live, with its own
key names), which halves the round trips and the client's work of its `incr` and `get_expiry`."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from limits import RateLimitItem

STORAGE_RETRY_SECONDS = 30.0
log = logging.getLogger("service.limits")


@dataclass(frozen=True)
class Window:
    limit: int
    remaining: int
    reset_at: float
    allowed: bool


class LocalCounts:
    """Fixed-window counters in this process, with the two storage methods `Counters` uses.

    The `limits` library's MemoryStorage starts a timer thread every 10 ms under load to expire
    keys; here an expired window simply starts again when next hit, and expired keys are
    dropped when the table has grown."""

    PURGE_AT = 50_000

    def __init__(self):
        self._windows: dict[str, list] = {}  # key -> [count, expires_at]
        self._lock = threading.Lock()

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            window = self._windows.get(key)
            if window is None or window[1] <= now:
                if len(self._windows) >= self.PURGE_AT:
                    self._windows = {k: w for k, w in self._windows.items() if w[1] > now}
                window = self._windows[key] = [0, now + expiry]
            window[0] += amount
            return window[0]

    def get_expiry(self, key: str) -> float:
        window = self._windows.get(key)
        return window[1] if window is not None else time.time()

    def count(self, key: str, expiry: float) -> tuple[int, float]:
        return self.incr(key, expiry), self.get_expiry(key)


# The `limits` library's incr_expire.lua, answering with the window's time to live as well.
COUNT_SCRIPT = """
local amount = tonumber(ARGV[2])
local current = redis.call("incrby", KEYS[1], amount)
if tonumber(current) == amount then
    redis.call("expire", KEYS[1], ARGV[1])
end
return {current, redis.call("ttl", KEYS[1])}
"""


class SharedCounts:
    """A `limits` storage, counted in one round trip when it is Redis."""

    def __init__(self, storage):
        from limits.storage import RedisStorage  # Redis, Redis Sentinel and Redis Cluster

        self.storage = storage
        redis = isinstance(storage, RedisStorage)
        self._script = storage.get_connection().register_script(COUNT_SCRIPT) if redis else None

    def count(self, key: str, expiry: float) -> tuple[int, float]:
        if self._script is None:
            return self.storage.incr(key, expiry), self.storage.get_expiry(key)
        current, ttl = self._script([self.storage.prefixed_key(key)], [int(expiry), 1])
        return int(current), time.time() + max(int(ttl), 0)


class Counters:
    """Hits counted in the configured storage, or in memory while it cannot be reached."""

    def __init__(self, uri: str):
        self.memory = LocalCounts()
        self.storage = self.memory if uri.startswith("memory://") else _shared_storage(uri)
        self._down_until = 0.0
        self._lock = threading.Lock()

    def hit(self, item: RateLimitItem, *identifiers: str) -> Window:
        key = item.key_for(*identifiers)
        storage = self.storage if time.monotonic() >= self._down_until else self.memory
        try:
            count, reset_at = storage.count(key, item.get_expiry())
        except Exception as error:  # an unreachable shared storage: count in memory meanwhile
            if storage is self.memory:
                raise
            self._storage_failed(error)
            return self.hit(item, *identifiers)
        return Window(item.amount, max(0, item.amount - count), reset_at, count <= item.amount)

    def _storage_failed(self, error: Exception) -> None:
        with self._lock:
            if time.monotonic() < self._down_until:
                return
            self._down_until = time.monotonic() + STORAGE_RETRY_SECONDS
        log.warning(
            "rate-limit storage unreachable (%s); counting in memory for %.0f s",
            type(error).__name__,
            STORAGE_RETRY_SECONDS,
        )


def _shared_storage(uri: str) -> SharedCounts:
    from limits.storage import storage_from_string

    return SharedCounts(storage_from_string(uri))
