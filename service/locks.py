"""Locks between processes.

Job locks: a lease row per job, taken with one conditional UPDATE. The UPDATE succeeds only if
the lease is free or expired, which is atomic on PostgreSQL and SQLite alike, so two clock
processes never run the same job at once; a crashed holder's lease simply runs out.

`exclusive`: a lock that a second taker waits for (`init` holds it), a PostgreSQL advisory lock
or, on SQLite, an exclusive lock on a file beside the database; both end with their process.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import String, insert, or_, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .db import UTCDateTime, db, utcnow


class JobLock(db.Model):
    """A lease a scheduled job holds while it runs, so two clocks never run it at once."""

    __tablename__ = "job_locks"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(120))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def try_acquire(engine: Engine, name: str, holder: str, lease_seconds: int) -> bool:
    now = utcnow()
    with engine.begin() as conn:
        try:
            with conn.begin_nested():
                conn.execute(insert(JobLock).values(name=name, holder=None, expires_at=None))
        except IntegrityError:
            pass  # the row exists already
        taken = conn.execute(
            update(JobLock)
            .where(
                JobLock.name == name, or_(JobLock.expires_at.is_(None), JobLock.expires_at < now)
            )
            .values(holder=holder, expires_at=now + timedelta(seconds=lease_seconds))
        )
        return taken.rowcount == 1


def release(engine: Engine, name: str, holder: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(JobLock)
            .where(JobLock.name == name, JobLock.holder == holder)
            .values(holder=None, expires_at=None)
        )


@contextmanager
def job_lock(engine: Engine, name: str, lease_seconds: int, holder: str | None = None):
    """Yield True while holding the lock, or False at once if another process holds it."""
    holder = holder or holder_name()
    acquired = try_acquire(engine, name, holder, lease_seconds)
    try:
        yield acquired
    finally:
        if acquired:
            release(engine, name, holder)


@contextmanager
def exclusive(engine: Engine, name: str):
    """Hold the lock `name` for the block, waiting while another process holds it."""
    if engine.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a private in-memory database: no other process can reach it
        return
    with open(f"{database}.{name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
