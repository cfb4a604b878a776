"""The table behind the optional online geocoder: each distinct query's answer, kept so it is
asked only once (a module of its own so the table exists without geopy being imported)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from .db import UTCDateTime, db, utcnow


class GeocodeCache(db.Model):
    """Answers of the optional online geocoder, so each distinct query is asked only once."""

    __tablename__ = "geocode_cache"

    provider: Mapped[str] = mapped_column(String(40), primary_key=True)
    query: Mapped[str] = mapped_column(String(250), primary_key=True)
    result: Mapped[dict | None] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
