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
    """What the last good run saw at one request: enough to ask "has it changed?". `tag` is
    what the scraper noted about the answer (a LegiScan change hash, a page count)."""

    content_hash: str
    etag: str | None = None
    last_modified: str | None = None
    tag: str | None = None
    url: str = ""

    @classmethod
    def from_record(cls, record: dict) -> Memo:
        return cls(
            record["content_hash"], record.get("etag"), record.get("last_modified"),
            record.get("tag"), record.get("url") or "",
        )  # fmt: skip


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
    tag: str | None = None

    @classmethod
    def kept(cls, key: str, memo: Memo, now: datetime) -> Snapshot:
        """A request not made at all: the last good run's answer still holds."""
        return cls(
            key, memo.url, now, 304, memo.content_hash, None, etag=memo.etag,
            last_modified=memo.last_modified, unchanged=True, tag=memo.tag,
        )  # fmt: skip

    def text(self) -> str:
        return (self.body or b"").decode("utf-8", errors="replace")

    def json(self, lenient: bool = False):
        """The body as JSON. `lenient` accepts raw control characters inside strings (some
        Legistar tenants send them), never anything else that is not JSON."""
        try:
            return json.loads((self.body or b"").decode("utf-8-sig"), strict=not lenient)
        except (ValueError, UnicodeDecodeError) as exc:
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
            "tag": self.tag,
        }
