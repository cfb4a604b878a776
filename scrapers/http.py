"""Polite fetching: one session, timeouts, bounded retries with backoff, robots.txt, conditional
GET, a response-size cap and a redirect limit. Every failure becomes a FetchError with a reason
(and, when the source answered, its answer, kept to explain the failure).

Retries wait `backoff` seconds, then twice and four times that (1, 2, 4 s by default); a
`Retry-After` from the source is obeyed up to `retry_after_max` seconds, never longer. Secrets
never reach a URL that is stored or logged (`scrapers.redact`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from . import redact as redaction
from .errors import FetchError
from .redact import redact
from .snapshot import Memo, Snapshot, content_hash

RETRY_STATUSES = (429, 500, 502, 503, 504)
AGENT = "kratom-law-scraper/1.0"
ERROR_BODY_BYTES = 65_536  # what is kept of an error answer


def _requests():
    """The HTTP stack, imported by the processes that fetch (not every web worker)."""
    import requests

    return requests


@dataclass(frozen=True)
class FetchPolicy:
    contact: str
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    delay: float = 1.0
    retry_after_max: float = 60.0

    @property
    def user_agent(self) -> str:
        return f"{AGENT} (+{self.contact})"


def retry_policy(policy: FetchPolicy):
    """urllib3's Retry, waiting backoff x 1, 2, 4... (urllib3 2 itself waits 0 before the
    first retry) and at most `retry_after_max` seconds for a Retry-After."""
    from urllib3.util.retry import Retry

    class PoliteRetry(Retry):
        def get_backoff_time(self) -> float:
            errors = 0
            for attempt in reversed(self.history):
                if attempt.redirect_location is not None:
                    break
                errors += 1
            if errors == 0:
                return 0.0
            return float(min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1)))

    return PoliteRetry(
        total=policy.retries,
        backoff_factor=policy.backoff,
        retry_after_max=int(policy.retry_after_max),
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
    )


def describe(exc: Exception, policy: FetchPolicy) -> str:
    text = str(exc).lower()
    if isinstance(exc, _requests().TooManyRedirects):
        return f"more than {policy.max_redirects} redirects (a redirect loop?)"
    if isinstance(exc, _requests().Timeout) or "timed out" in text:
        return f"timed out after {policy.timeout:g} s"
    if "refused" in text:
        return "connection refused"
    if isinstance(exc, _requests().exceptions.ChunkedEncodingError) or "incompleteread" in text:
        return "the response was cut short"
    if isinstance(exc, _requests().ConnectionError):
        return "could not connect"
    return f"request failed ({type(exc).__name__})"


class Fetcher:
    """Live HTTP. Thread-safe enough for one scraper run at a time per instance."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        from requests.adapters import HTTPAdapter

        redaction.install()
        self.session = _requests().Session()
        self.session.headers["User-Agent"] = policy.user_agent
        self.session.max_redirects = policy.max_redirects
        adapter = HTTPAdapter(max_retries=retry_policy(policy))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(
        self, key: str, url: str, params=None, memo: Memo | None = None, robots=True, headers=None
    ):
        full = _requests().Request("GET", url, params=params).prepare().url
        if robots:
            self._check_robots(full)
        self._pause(full)
        try:
            with self.session.get(
                full, headers={**_conditional(memo), **(headers or {})},
                timeout=self.policy.timeout, stream=True,
            ) as response:  # fmt: skip
                return self._snapshot(key, full, response, memo)
        except _requests().RequestException as exc:
            raise FetchError(f"{key}: {describe(exc, self.policy)} ({redact(full)})") from None

    def _snapshot(self, key: str, url: str, response, memo: Memo | None) -> Snapshot:
        now, where, status = datetime.now(UTC), redact(url), response.status_code
        if status == 304 and memo is not None:
            return Snapshot(
                key, where, now, 304, memo.content_hash, None,
                etag=memo.etag, last_modified=memo.last_modified, unchanged=True,
            )  # fmt: skip
        if status >= 400:
            answer = self._error_answer(key, where, response)
            raise FetchError(f"{key}: HTTP {status} from {where}", answer)
        body = self._read_capped(key, response)
        digest = content_hash(body)
        same = memo is not None and memo.content_hash == digest
        headers = response.headers
        return Snapshot(
            key, where, now, status, digest, None if same else body,
            content_type=headers.get("Content-Type"), etag=headers.get("ETag"),
            last_modified=headers.get("Last-Modified"), unchanged=same,
        )  # fmt: skip

    def _error_answer(self, key: str, where: str, response) -> Snapshot | None:
        """The first bytes of an error answer, which often say why (a bad key, a quota)."""
        try:
            body = next(response.iter_content(ERROR_BODY_BYTES), b"")[:ERROR_BODY_BYTES]
        except _requests().RequestException:
            return None
        return Snapshot(
            key, where, datetime.now(UTC), response.status_code, content_hash(body), body,
            content_type=response.headers.get("Content-Type"),
        )  # fmt: skip

    def _read_capped(self, key: str, response) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{key}: response of {declared} bytes is over the {limit}-byte limit")
        chunks, size = [], 0
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{key}: response is over the {limit}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)

    def _pause(self, url: str) -> None:
        """Keep at least `delay` seconds between two requests to one host."""
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last_request.get(host, 0) + self.policy.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._read_robots(root)
        if not self._robots[root].can_fetch(self.policy.user_agent, url):
            raise FetchError(f"robots.txt of {parts.netloc} does not allow {parts.path}")

    def _read_robots(self, root: str) -> RobotFileParser:
        parser = RobotFileParser(root + "/robots.txt")
        try:
            response = self.session.get(parser.url, timeout=self.policy.timeout)
        except _requests().RequestException as exc:
            raise FetchError(f"robots.txt: {describe(exc, self.policy)} ({root})") from None
        if response.status_code in (401, 403):
            parser.disallow_all = True
        elif response.status_code >= 500:
            raise FetchError(f"robots.txt: HTTP {response.status_code} from {root}")
        elif response.status_code >= 400:
            parser.allow_all = True  # no robots.txt: no rules
        else:
            parser.parse(response.text[:500_000].splitlines())
        return parser


def _conditional(memo: Memo | None) -> dict[str, str]:
    headers = {}
    if memo is not None and memo.etag:
        headers["If-None-Match"] = memo.etag
    if memo is not None and memo.last_modified:
        headers["If-Modified-Since"] = memo.last_modified
    return headers
