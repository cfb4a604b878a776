"""The scraper base: a scraper is a small generator of observations; the base owns fetching,
skipping unchanged responses, validation and the empty-run check (after Open States)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Protocol
from urllib.parse import urljoin

from .errors import EmptyScrape, FetchError, ParseError, SourceDisabled
from .observation import Observation, validate
from .snapshot import Memo, Snapshot


class SupportsGet(Protocol):
    def get(self, key: str, url: str, params=None, memo: Memo | None = None, robots=True,
            headers=None): ...  # fmt: skip


class QueryBudget(Protocol):
    """A source's monthly query allowance, kept by the service; `spend` raises
    QuotaExhausted rather than let a query pass the limit."""

    def spend(self, queries: int = 1) -> None: ...


@dataclass
class ScrapeResult:
    observations: list[Observation]
    snapshots: list[Snapshot]
    problems: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Every response was the same as the last good run's, so nothing was parsed."""
        return all(s.unchanged for s in self.snapshots)


# A source's settings, by name (the environment variables its class declares in `needs`).
ScraperSettings = Mapping[str, Any]


@dataclass(frozen=True)
class Trust:
    """How far the service lets a source change the rules.

    authoritative: its rule claims apply directly (as rules of the source's own origin);
    secondary: a claim that agrees with the rule in force refreshes its last-verified date, one
    that disagrees opens a review item. `confidence` is given to what the source creates;
    `coarse` sources (trackers, encyclopedias) know no nuance and are compared only as banned,
    allowed (legal, regulated, restricted) or unknown.
    """

    authority: str
    confidence: str
    coarse: bool = False

    def agrees(self, claimed: str, current: str) -> bool:
        if claimed == current:
            return True
        return self.coarse and COARSE[claimed] == COARSE[current]


COARSE = {status: "allowed" for status in ("restricted", "regulated", "legal")}
COARSE.update(banned="banned", unknown="unknown")


@dataclass(frozen=True)
class SourceSetting:
    """A setting a source needs, read from the environment variable `name`.

    `kind` says how the service reads it: `api_key` (a secret of 8-128 letters, digits, - or _)
    or `clients` (the source's own names for places: `name=ocd-division-id,...`, or `none`).
    """

    name: str
    kind: str
    help: str
    default: Any = None


class Scraper:
    """Subclasses set the class attributes and write `scrape()`, yielding observations.

    Besides its name and addresses, a source declares here everything the service must know
    about it: its trust policy, the settings it needs and how often it is polled.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    home_url: ClassVar[str]
    base_url: ClassVar[str]
    trust: ClassVar[Trust] = Trust("secondary", "low", coarse=True)
    needs: ClassVar[tuple[SourceSetting, ...]] = ()
    interval_minutes: ClassVar[int] = 1440
    empty_ok: ClassVar[bool] = False  # True where finding nothing is a normal answer
    robots_txt: ClassVar[bool] = True
    quota: ClassVar[str | None] = None  # the setting naming its monthly query budget, if any

    def __init__(
        self,
        fetcher: SupportsGet,
        memo: Mapping[str, Memo] | None = None,
        settings: ScraperSettings | None = None,
        base_url: str | None = None,
        budget: QueryBudget | None = None,
    ):
        self.fetcher = fetcher
        self.memo = dict(memo or {})
        self.settings = dict(settings or {})
        self.base = base_url or self.base_url
        self.budget = budget
        self.snapshots: list[Snapshot] = []
        self.failed_snapshots: list[Snapshot] = []  # responses of parts that failed
        self.problems: list[str] = []
        self.records_read = 0  # records understood, including those deliberately skipped

    def disabled_reason(self) -> str | None:
        """Why this source cannot run with the current settings, or None."""
        return None

    def scrape(self) -> Iterator[Observation]:
        raise NotImplementedError

    def fetch(self, key: str, path: str, params=None, headers=None) -> Snapshot:
        if self.budget is not None:
            self.budget.spend()
        try:
            snapshot = self.fetcher.get(
                key, urljoin(self.base, path), params, memo=self.memo.get(key),
                robots=self.robots_txt, **({"headers": headers} if headers else {}),
            )  # fmt: skip
        except FetchError as exc:
            if exc.snapshot is not None:  # an error answer: kept to explain the failure
                self.snapshots.append(exc.snapshot)
            raise
        self.snapshots.append(snapshot)
        return snapshot

    def tag(self, snapshot: Snapshot, value: str | None) -> Snapshot:
        """Note `value` on this run's record of `snapshot` (the next run finds it in its memo)."""
        tagged = replace(snapshot, tag=value)
        self.snapshots[self.snapshots.index(snapshot)] = tagged
        return tagged

    def keep(self, key: str) -> None:
        """Carry the last good run's answer for `key` forward without asking again."""
        if key in self.memo and all(s.key != key for s in self.snapshots):
            self.snapshots.append(Snapshot.kept(key, self.memo[key], datetime.now(UTC)))

    def keep_remaining(self, prefix: str) -> None:
        """Carry forward every remembered answer under `prefix` this run did not ask again."""
        for key in sorted(self.memo):
            if key.startswith(prefix):
                self.keep(key)

    def problem(self, text: str, key: str | None = None) -> None:
        """One part of the source failed (one city, one record); the others still count. The
        response `key` of that part is not remembered as seen, so the next run reads it again
        (and reports it again if it is still broken); it is kept to explain the failure."""
        self.problems.append(text)
        for snapshot in [s for s in self.snapshots if s.key == key]:
            self.snapshots.remove(snapshot)
            self.failed_snapshots.append(snapshot)

    def run(self) -> ScrapeResult:
        reason = self.disabled_reason()
        if reason:
            raise SourceDisabled(reason)
        observations = []
        for observation in self.scrape():
            validate(observation)
            observations.append(observation)
        result = ScrapeResult(observations, self.snapshots, self.problems)
        found = observations or self.records_read or result.unchanged
        if not found and not self.empty_ok:
            raise EmptyScrape(f"{self.name}: the run found nothing; has the source changed?")
        return result

    def observe(self, snapshot: Snapshot, native_id: str, excerpt: str, **claim) -> Observation:
        """An observation read from `snapshot`; `source_url` defaults to the snapshot's URL."""
        claim.setdefault("source_url", snapshot.url)
        return Observation(
            source=self.name,
            native_id=native_id,
            retrieved_at=snapshot.retrieved_at,
            excerpt=clean(excerpt)[:500] or "(no text)",
            content_hash=snapshot.content_hash,
            **claim,
        )


def parse_day(value) -> date | None:
    """A YYYY-MM-DD day from a source; anything else there means its format changed."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        raise ParseError(f"not a YYYY-MM-DD date: {value!r}") from None


def clean(text: str | None) -> str:
    """Collapse runs of whitespace, as pages and APIs both pad text oddly."""
    return " ".join((text or "").split())
