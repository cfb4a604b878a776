"""Recorded responses: replay a source from files, or record live responses into them.

A recorded response is one file per request key (for example `search-kratom.json`) in the
source's folder, so a replayed run reads exactly what a live run would have fetched.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .errors import FetchError
from .http import Fetcher, _requests
from .redact import redact
from .snapshot import Memo, Snapshot, content_hash


class ReplayFetcher:
    """Serves each request from `folder/<key>`; a missing file is a failed fetch."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, key: str, url: str, params=None, memo: Memo | None = None, robots=True,
            headers=None):  # fmt: skip
        path = self.folder / key
        if not path.is_file():
            raise FetchError(f"{key}: no recorded response in {self.folder}")
        body = path.read_bytes()
        digest = content_hash(body)
        same = memo is not None and memo.content_hash == digest
        full = _requests().Request("GET", url, params=params).prepare().url
        return Snapshot(
            key,
            redact(full),
            datetime.now(UTC),
            200,
            digest,
            None if same else body,
            unchanged=same,
        )


class RecordingFetcher:
    """Fetches live (never conditionally) and writes each response body to `folder/<key>`."""

    def __init__(self, fetcher: Fetcher, folder: Path):
        self.fetcher = fetcher
        self.folder = Path(folder)
        self.recorded: list[Snapshot] = []

    def get(self, key: str, url: str, params=None, memo: Memo | None = None, robots=True,
            headers=None):  # fmt: skip
        snapshot = self.fetcher.get(key, url, params, memo=None, robots=robots, headers=headers)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / key).write_bytes(snapshot.body or b"")
        self.recorded.append(snapshot)
        return snapshot
