"""Where a request's location comes from: the offline resolver, then the optional online one.

The offline resolver's data (about 60 MB) is loaded on first use, so commands that never
locate anything (`init`, `mail send`) start without it; a web process loads it before forking
its workers (service/serving.py). Points repeat like names do, so resolved points are memoised
as resolved names are."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from jurisdictions.resolve.resolution import Ambiguous, Resolution

from .db import db

if TYPE_CHECKING:
    from jurisdictions.resolve.offline import OfflineResolver

POINT_CACHE_SIZE = 4096


class Locator:
    def __init__(self, offline: OfflineResolver | Callable[[], OfflineResolver], online=None):
        """`offline`: the resolver, or a function that loads it when it is first needed."""
        self._offline = None if callable(offline) else offline
        self._load = offline
        self._lock = threading.Lock()
        self.online = online
        self.point = lru_cache(maxsize=POINT_CACHE_SIZE)(self._point)

    @property
    def offline(self) -> OfflineResolver:
        if self._offline is None:
            with self._lock:
                if self._offline is None:
                    self._offline = self._load()
        return self._offline

    def text(self, text: str) -> Resolution | Ambiguous | None:
        found = self.offline.resolve(text)
        if found is None and self.online is not None:
            return self._online(text)
        return found

    def _point(self, lat: float, lon: float) -> Resolution | None:
        return self.offline.resolve_point(lat, lon)

    def _online(self, text: str) -> Resolution | None:
        found = self.online.locate(db.session, text)
        if found is None:
            return None
        resolution = self.point(found["lat"], found["lon"])
        if resolution is None:
            return None
        note = (
            f"Found by the online geocoder as {found['label']}; the place's limits are not known."
        )
        return replace(
            resolution,
            label=found["label"],
            resolver="online",
            approximate=True,
            notes=(*resolution.notes, note),
        )
