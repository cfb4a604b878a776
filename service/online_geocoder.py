"""The optional online fallback (Nominatim) for places the offline data does not know.

Off by default. When on, it is asked only after the offline resolver found nothing, within a
time budget, at most once per second across every process sharing the database (Nominatim's
usage policy), and each distinct query is asked once: answers, including "nothing found",
are cached in the database.
"""

from __future__ import annotations

from geopy.exc import GeopyError
from sqlalchemy.orm import Session

from jurisdictions.resolve.names import name_key

from .db import utcnow
from .geocode_cache import GeocodeCache
from .locks import holder_name, try_acquire

PROVIDER = "nominatim"


class OnlineFallback:
    def __init__(self, geocoder, timeout: float):
        self.geocoder = geocoder
        self.timeout = timeout

    @classmethod
    def nominatim(cls, domain: str, user_agent: str, timeout: float) -> OnlineFallback:
        from geopy.geocoders import Nominatim

        return cls(Nominatim(domain=domain, user_agent=user_agent, timeout=timeout), timeout)

    def locate(self, session: Session, text: str) -> dict | None:
        """{"lat", "lon", "label"} for `text`, or None when unknown, rate-limited or failing."""
        key = name_key(text)[:250]
        cached = session.get(GeocodeCache, (PROVIDER, key))
        if cached is not None:
            return cached.result
        if not self._take_turn(session):
            return None
        try:
            found = self.geocoder.geocode(text, exactly_one=True, timeout=self.timeout)
        except GeopyError:
            return None  # a timeout or outage is not an answer: do not cache it
        result = (
            {"lat": found.latitude, "lon": found.longitude, "label": found.address}
            if found
            else None
        )
        self._remember(session, key, result)
        return result

    def _take_turn(self, session: Session) -> bool:
        """Claim the one-per-second slot shared by every process, without waiting for it."""
        return try_acquire(session.get_bind(), "online-geocoder", holder_name(), lease_seconds=1)

    def _remember(self, session: Session, key: str, result: dict | None) -> None:
        session.merge(
            GeocodeCache(provider=PROVIDER, query=key, result=result, fetched_at=utcnow())
        )
        session.commit()
