"""Database outages: every request that needs the database answers 503 with Retry-After (a
problem for the API, a page for people) instead of a 500, and the log gets one line per kind
of failure per interval instead of a traceback per request. Nothing needs restarting: the pool
checks each connection before use (pool_pre_ping), so the first request after the database is
back simply works again. `/api/v1/ready` asks the database; `/api/v1/health` never does.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import Counter

from flask import Flask
from sqlalchemy import exc

from .db import db
from .problems import ApiProblem, respond

RETRY_AFTER_SECONDS = 15
LOG_INTERVAL_SECONDS = 60.0
# What a database that is down, restarting or unreachable raises; other database errors are
# bugs and stay 500s with their traceback.
UNAVAILABLE = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)
log = logging.getLogger("service.outages")


class ThrottledLog:
    """One warning per kind of failure per interval, saying how many were left out."""

    def __init__(self, logger: logging.Logger, interval: float, clock=time.monotonic):
        self.logger, self.interval, self.clock = logger, interval, clock
        self._last: dict[str, float] = {}
        self._left_out: Counter[str] = Counter()
        self._lock = threading.Lock()

    def warning(self, kind: str, message: str) -> None:
        now = self.clock()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self.interval:
                self._left_out[kind] += 1
                return
            self._last[kind] = now
            left_out = self._left_out.pop(kind, 0)
        more = f" ({left_out} more since the last report)" if left_out else ""
        self.logger.warning("%s%s", message, more)


def failure_kind(error: Exception) -> str:
    cause = getattr(error, "orig", None) or error
    return f"{type(error).__name__}/{type(cause).__name__}"


def _first_line(error: Exception) -> str:
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0][:300]


def _unavailable(error: Exception):
    kind = failure_kind(error)
    reports.warning(kind, f"database unavailable ({kind}): {_first_line(error)}")
    with contextlib.suppress(Exception):
        db.session.rollback()  # the connection is gone; the pool replaces it
    problem = ApiProblem(
        503,
        "The service cannot reach its database right now; please try again in a minute.",
        title="Service unavailable",
    )
    response = respond(problem)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


reports = ThrottledLog(log, LOG_INTERVAL_SECONDS)


def init_app(app: Flask) -> None:
    for error in UNAVAILABLE:
        app.register_error_handler(error, _unavailable)
