"""Monthly query budgets of sources with a quota (LegiScan), counted in the database.

Each query is counted before it is sent, in its own committed transaction: a run that fails
afterwards still counts what it spent, and two processes share one count. The count for a month
goes up only while it is below the limit (one conditional UPDATE, atomic on both backends), so
the limit is never passed, whoever asks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from scrapers.errors import QuotaExhausted

from .models import QueryCount


def month_of(now: datetime) -> str:
    return now.strftime("%Y-%m")


class DatabaseBudget:
    """`limit` queries a calendar month for `source`; `spend` raises QuotaExhausted at it."""

    def __init__(self, engine: Engine, source: str, limit: int, now: datetime):
        self.engine, self.source, self.limit = engine, source, limit
        self.month = month_of(now)

    def spend(self, queries: int = 1) -> None:
        if not self._take(queries):
            raise QuotaExhausted(
                f"{self.source}: the monthly budget of {self.limit} queries is used up for "
                f"{self.month} ({self.used()} made); the source waits for next month"
            )

    def used(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(self._row(select(QueryCount.used))) or 0

    def _row(self, statement):
        return statement.where(QueryCount.source == self.source, QueryCount.month == self.month)

    def _take(self, queries: int) -> bool:
        for _attempt in range(2):
            with self.engine.begin() as conn:
                taken = conn.execute(
                    self._row(update(QueryCount))
                    .where(QueryCount.used + queries <= self.limit)
                    .values(used=QueryCount.used + queries)
                ).rowcount
                if taken:
                    return True
                if conn.scalar(self._row(select(QueryCount.used))) is not None:
                    return False
            try:  # the month's first query: its row does not exist yet
                with self.engine.begin() as conn:
                    conn.execute(
                        insert(QueryCount).values(source=self.source, month=self.month, used=0)
                    )
            except IntegrityError:
                pass  # another process made it first
        return False


def queries_used(engine: Engine, source: str, now: datetime) -> int:
    return DatabaseBudget(engine, source, 0, now).used()
