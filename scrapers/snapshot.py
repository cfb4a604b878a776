"""Raw responses as fetched: body, content hash and the validators for the next conditional GET."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from .errors import ParseError


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True, slots=True)
class Memo:
    """What the last good run saw at one request: enough to ask "has it changed?"."""

    content_hash: str
    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_record(cls, record: dict) -> Memo:
        return cls(record["content_hash"], record.get("etag"), record.get("last_modified"))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One response. `unchanged` means the source answered 304 or sent the same bytes as the
    last good run, so the scraper skips parsing it; `body` is then None."""

    key: str
    url: str
    retrieved_at: datetime
    status: int
    content_hash: str
    body: bytes | None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    unchanged: bool = False

    def text(self) -> str:
        return (self.body or b"").decode("utf-8", errors="replace")

    def json(self):
        try:
            return json.loads(self.body or b"")
        except ValueError as exc:
            raise ParseError(f"{self.key}: invalid JSON from {self.url} ({exc})") from None

    def record(self) -> dict:
        """The run record's note of this fetch (no body)."""
        return {
            "key": self.key,
            "url": self.url,
            "status": self.status,
            "content_hash": self.content_hash,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "unchanged": self.unchanged,
        }
