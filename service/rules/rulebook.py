"""An in-memory, read-only snapshot of every active rule and proposal.

Verdicts are computed from this snapshot, not from per-request queries. Each process keeps one
and reloads it when the `rules_version` in the database moves, so several workers over one
database stay consistent: any transaction that changes rules bumps that version.

Rules of different origins (curated files, an authoritative source, an accepted review) may
overlap. The one in force that started last wins; on the same start, a non-curated rule wins,
since it is newer evidence than the file. A rule's `last_verified` is the later of its own date
and the last day a source agreed with it.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import meta
from .models import Proposal, RelatedLaw, Rule, RuleVerification
from .views import (
    ProposalView,
    RelatedView,
    RuleView,
    precedence,
    proposal_view,
    related_view,
    rule_view,
    with_known_by_windows,
)

MEMO_LIMIT = 2_000


@dataclass(frozen=True)
class RuleBook:
    version: int
    rules: dict[str, dict[str, tuple[RuleView, ...]]]
    proposals: dict[str, tuple[ProposalView, ...]]
    related: dict[str, tuple[RelatedView, ...]] = field(default_factory=dict)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key, compute):
        """Memoise a value derived from this snapshot alone (it never changes; a new snapshot
        starts empty). Bounded: past MEMO_LIMIT entries it starts over."""
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            found = self.memo[key] = compute()
        return found

    def timeline(self, jurisdiction_id: str, substance: str) -> tuple[RuleView, ...]:
        return self.rules.get(jurisdiction_id, {}).get(substance, ())

    def rule_on(self, jurisdiction_id: str, substance: str, on: date) -> RuleView | None:
        in_force = [r for r in self.timeline(jurisdiction_id, substance) if r.in_force(on)]
        return max(in_force, key=precedence, default=None)

    def proposals_for(self, jurisdiction_id: str) -> tuple[ProposalView, ...]:
        return self.proposals.get(jurisdiction_id, ())

    def related_for(self, jurisdiction_id: str) -> tuple[RelatedView, ...]:
        return self.related.get(jurisdiction_id, ())

    def has_law(self, jurisdiction_id: str) -> bool:
        return jurisdiction_id in self.rules or jurisdiction_id in self.proposals


def bill_keys(identifier: str | None) -> frozenset[str]:
    """Bill numbers as sources write them ("HB 5537", "H.B.5537", "SB299 / HB587", "HB 5537
    (2026)"), normalised so the same bill from two sources is recognised."""
    bare = re.sub(r"\([^)]*\)", " ", identifier or "")  # a session or year in brackets
    parts = re.split(r"[/,;&]|\band\b", bare.upper())
    return frozenset(key for part in parts if (key := re.sub(r"[^A-Z0-9]", "", part)))


def load_rulebook(session: Session) -> RuleBook:
    version = meta.rules_version(session)
    timelines: dict[str, dict[str, list[RuleView]]] = defaultdict(lambda: defaultdict(list))
    verified = _verified_dates(session)
    active_rules = select(Rule).where(Rule.retired_at.is_(None))
    for row in session.scalars(active_rules):
        view = rule_view(row, verified.get(row.id))
        timelines[row.jurisdiction_id][row.substance].append(view)
    rules = {
        jid: {
            substance: tuple(sorted(with_known_by_windows(views), key=precedence))
            for substance, views in by_substance.items()
        }
        for jid, by_substance in timelines.items()
    }
    return RuleBook(version, rules, _load_proposals(session), _load_related(session))


def _load_related(session: Session) -> dict[str, tuple[RelatedView, ...]]:
    related: dict[str, list[RelatedView]] = defaultdict(list)
    for row in session.scalars(select(RelatedLaw).order_by(RelatedLaw.position)):
        related[row.jurisdiction_id].append(related_view(row))
    return {jid: tuple(views) for jid, views in related.items()}


def _verified_dates(session: Session) -> dict[int, date]:
    latest: dict[int, date] = {}
    for rule_id, day in session.execute(
        select(RuleVerification.rule_id, RuleVerification.verified_on)
    ):
        latest[rule_id] = max(day, latest.get(rule_id, day))
    return latest


def _load_proposals(session: Session) -> dict[str, tuple[ProposalView, ...]]:
    """Active proposals per jurisdiction, each bill once: a curated proposal hides a scraped
    one with the same bill number, and the first source to report a bill hides later ones."""
    rows = session.scalars(
        select(Proposal).where(Proposal.retired_at.is_(None)).order_by(Proposal.id)
    ).all()
    rows.sort(key=lambda row: row.origin != "curated")
    seen: dict[str, set[str]] = defaultdict(set)
    proposals: dict[str, list[ProposalView]] = defaultdict(list)
    for row in rows:
        keys = bill_keys(row.identifier)
        if keys & seen[row.jurisdiction_id]:
            continue
        seen[row.jurisdiction_id] |= keys
        proposals[row.jurisdiction_id].append(proposal_view(row))
    return {jid: tuple(views) for jid, views in proposals.items()}


class RuleBookCache:
    """The process's current snapshot, reloaded when the database says rules changed.

    The version is read at most once per `check_seconds`, so other processes' edits show within
    that time; a commit in this process that changed rules is seen at once (see `meta`).
    """

    def __init__(self, check_seconds: float = 1.0):
        self.check_seconds = check_seconds
        self._book: RuleBook | None = None
        self._checked_at = -math.inf
        self._generation = -1
        self._lock = threading.Lock()

    def fresh(self) -> RuleBook | None:
        """The snapshot when it was checked against the database within `check_seconds` and no
        commit here changed rules since; None when it is due for a check (`get` does it)."""
        book = self._book
        fresh = time.monotonic() - self._checked_at < self.check_seconds
        if book is not None and fresh and self._generation == meta.local_generation():
            return book
        return None

    def get(self, session: Session) -> RuleBook:
        book = self.fresh()
        if book is not None:
            return book
        with self._lock:
            generation = meta.local_generation()
            version = meta.rules_version(session)
            if self._book is None or self._book.version != version:
                self._book = load_rulebook(session)
            self._checked_at, self._generation = time.monotonic(), generation
            return self._book
