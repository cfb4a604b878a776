"""Where a request's location comes from: the offline resolver, then the optional online one."""

from __future__ import annotations

from dataclasses import replace

from jurisdictions.resolve.offline import OfflineResolver
from jurisdictions.resolve.resolution import Ambiguous, Resolution

from .db import db


class Locator:
    def __init__(self, offline: OfflineResolver, online=None):
        self.offline = offline
        self.online = online

    def text(self, text: str) -> Resolution | Ambiguous | None:
        found = self.offline.resolve(text)
        if found is None and self.online is not None:
            return self._online(text)
        return found

    def point(self, lat: float, lon: float) -> Resolution | None:
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
