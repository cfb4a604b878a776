"""Proposal claims (bills, notices, ordinances) into the pending proposals.

Each source's latest claim about a proposal is kept (`ProposalClaim`); the proposal lists every
source that reports it, shows its progress (stage, last action, link) from the claim with the
latest action (on a tie, the one it already shows), and its content (title, substances,
proposed status, age) from the source that reported it first, so two trackers that read a
bill's text differently do not make it flip between runs.

A bill two bill trackers report (LegiScan and Open States) is one proposal: same jurisdiction,
same number however written (`HB 5537`, `HB5537`, `SB0433`, `SB 433`), and overlapping session
years. A proposal is inserted once and updated when its stage or last action moves; each step
is a Change. The rule book shows each bill once, preferring the curated proposal with the same
bill number.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from jurisdictions.vocabulary import INACTIVE_STAGES
from scrapers.observation import Observation
from service.rules.changes import record_change
from service.rules.models import Proposal, ProposalSource
from service.rules.rulebook import bill_keys
from service.rules.values import PROPOSAL_MATERIAL, content_hash

from .models import Observation as ObservationRow
from .models import ProposalClaim
from .observed_rules import source_row, source_title
from .settling import Settling

CLAIMED = (
    "substances", "identifier", "title", "stage", "proposed_status", "min_age", "last_action",
    "last_action_date", "url",
)  # fmt: skip
PROGRESS = ("stage", "last_action", "last_action_date", "url")


def claim_of(observation: Observation) -> dict:
    claim = observation.claim()
    values = {name: claim.get(name) for name in CLAIMED}
    values["url"] = observation.source_url
    return values


def stored_claim(row: Proposal) -> dict:
    values = {name: getattr(row, name) for name in CLAIMED}
    values["substances"] = list(row.substances)
    day = row.last_action_date
    values["last_action_date"] = day.isoformat() if day else None
    return values


def number_keys(identifier: str | None) -> frozenset[str]:
    """Bill numbers without the zero padding some trackers add (SB0433 is SB 433)."""
    return frozenset(re.sub(r"^([A-Z]*)0+(?=\d)", r"\1", key) for key in bill_keys(identifier))


def session_years(session: str | None) -> set[int]:
    if not session:
        return set()
    first, _, last = session.partition("-")
    return set(range(int(first), int(last or first) + 1))


def apply(ctx: Settling, observation: Observation, row: ObservationRow) -> str:
    claim = _claim_row(ctx, observation)
    proposal = _proposal_of(ctx, observation, claim)
    _record_claim(claim, observation, row)
    if proposal is None:
        proposal = Proposal(jurisdiction_id=observation.jurisdiction_id,
                            key=f"{observation.source}:{observation.native_id}"[:300])  # fmt: skip
        ctx.session.add(proposal)
        _fill(ctx, proposal, claim.claim, observation.source, observation.native_id, row)
        ctx.session.flush()
        claim.proposal_id = proposal.id
        ctx.session.add(claim)
        new = claim_of(observation)
        return _record(ctx, proposal, "proposal_added", None, new, list(new))
    claim.proposal_id = proposal.id
    ctx.session.add(claim)
    ctx.session.flush()
    return _merge(ctx, proposal, row)


def _claim_row(ctx: Settling, observation: Observation) -> ProposalClaim:
    found = ctx.session.scalar(
        select(ProposalClaim).where(
            ProposalClaim.source == observation.source,
            ProposalClaim.native_id == observation.native_id[:200],
        )
    )
    return found or ProposalClaim(source=observation.source, native_id=observation.native_id[:200])


def _record_claim(claim: ProposalClaim, observation: Observation, row) -> None:
    claim.claim = {**claim_of(observation), "summary": observation.excerpt[:400]}
    claim.url = observation.source_url
    claim.session, claim.seen_at = observation.session, row.retrieved_at


def _proposal_of(ctx: Settling, observation: Observation, claim: ProposalClaim):
    """The proposal this claim is about: the one it was about before, one the source made
    before claims were kept, or the same bill reported by another tracker."""
    if claim.proposal_id is not None:
        known = ctx.session.get(Proposal, claim.proposal_id)
        if known is not None and known.retired_at is None:
            return known
    legacy = ctx.session.scalar(
        select(Proposal).where(
            Proposal.origin == observation.source,
            Proposal.key == f"{observation.source}:{observation.native_id}"[:300],
            Proposal.retired_at.is_(None),
        )
    )
    return legacy or _twin(ctx, observation)


def _twin(ctx: Settling, observation: Observation) -> Proposal | None:
    keys, years = number_keys(observation.identifier), session_years(observation.session)
    if not keys or not years:
        return None
    candidates = ctx.session.execute(
        select(ProposalClaim, Proposal)
        .join(Proposal, Proposal.id == ProposalClaim.proposal_id)
        .where(
            ProposalClaim.source != observation.source,
            ProposalClaim.session.is_not(None),
            Proposal.jurisdiction_id == observation.jurisdiction_id,
            Proposal.retired_at.is_(None),
        )
    )
    for other, proposal in candidates:
        same_number = keys & number_keys(other.claim.get("identifier"))
        if same_number and years & session_years(other.session):
            return proposal
    return None


def _merge(ctx: Settling, proposal: Proposal, row: ObservationRow) -> str:
    claims = list(ctx.session.scalars(
        select(ProposalClaim).where(ProposalClaim.proposal_id == proposal.id)
        .order_by(ProposalClaim.id)
    ))  # fmt: skip
    leader, first = _leading(claims, proposal), claims[0]
    merged = {name: (leader if name in PROGRESS else first).claim.get(name) for name in CLAIMED}
    merged["summary"] = first.claim.get("summary")
    old, new = stored_claim(proposal), {name: merged[name] for name in CLAIMED}
    fields = [name for name in CLAIMED if old[name] != new[name]]
    sources_before = [link.source.url for link in proposal.sources]
    if not fields:
        _link_sources(ctx, proposal, claims, row)
        if proposal.last_verified < row.retrieved_at.date():
            proposal.last_verified = row.retrieved_at.date()
            ctx.tally.rules_changed = True
        ctx.tally.rules_changed |= sources_before != [link.source.url for link in proposal.sources]
        ctx.tally.agreements += 1
        return "unchanged"
    _fill(ctx, proposal, merged, leader.source, leader.native_id, row)
    _link_sources(ctx, proposal, claims, row)
    proposal.updated_at = ctx.now
    return _record(ctx, proposal, "proposal_updated", old, new, fields)


def _leading(claims: list[ProposalClaim], proposal: Proposal) -> ProposalClaim:
    """The claim with the latest action; on a tie the one the proposal shows already."""

    def rank(claim: ProposalClaim):
        shown = (claim.source, claim.native_id) == (proposal.origin, proposal.origin_ref)
        return (claim.claim.get("last_action_date") or "", shown)

    return max(claims, key=rank)


def _fill(ctx: Settling, proposal: Proposal, values: dict, source: str, native_id: str, row):
    for name in CLAIMED:
        if name != "last_action_date":
            setattr(proposal, name, values[name])
    proposal.substances = list(values["substances"])
    day = values.get("last_action_date")
    proposal.last_action_date = date.fromisoformat(day) if day else None
    proposal.last_action_precision = "day" if day else None
    proposal.summary = (values.get("summary") or values["title"])[:400]
    proposal.confidence = ctx.policy.confidence
    proposal.last_verified = row.retrieved_at.date()
    proposal.origin, proposal.origin_ref = source, native_id[:300]
    proposal.content_hash = content_hash(values)
    if not proposal.sources:
        title = source_title(source, values.get("identifier"))
        proposal.sources = [
            ProposalSource(
                position=0,
                source=source_row(ctx.session, values["url"], title),
                retrieved_at=row.retrieved_at.date(),
            )
        ]


def _link_sources(ctx: Settling, proposal: Proposal, claims: list[ProposalClaim], row) -> None:
    """One source link per claiming source, in the order they first reported the bill."""
    wanted = [(c.url, source_title(c.source, c.claim.get("identifier"))) for c in claims]
    if [link.source.url for link in proposal.sources] == [url for url, _ in wanted]:
        return
    retrieved = {link.source.url: link.retrieved_at for link in proposal.sources}
    with ctx.session.no_autoflush:
        links = [
            ProposalSource(
                position=position,
                source=source_row(ctx.session, url, title),
                retrieved_at=retrieved.get(url, row.retrieved_at.date()),
            )
            for position, (url, title) in enumerate(wanted)
        ]
    proposal.sources = []
    ctx.session.flush()
    proposal.sources = links


def _record(ctx: Settling, proposal: Proposal, kind: str, old, new: dict, fields: list[str]) -> str:
    ctx.session.flush()
    if kind == "proposal_added":
        material = proposal.stage not in INACTIVE_STAGES and not _curated_twin(ctx, proposal)
    else:
        material = any(name in PROPOSAL_MATERIAL for name in fields)
    record_change(
        ctx.session,
        jurisdiction_id=proposal.jurisdiction_id,
        kind=kind,
        material=material,
        proposal_id=proposal.id,
        fields=fields,
        old_values=old,
        new_values=new,
        detected_at=ctx.now,
        origin=proposal.origin,
        origin_ref=proposal.origin_ref,
    )
    ctx.tally.changes += 1
    ctx.tally.rules_changed = True
    return kind


def _curated_twin(ctx: Settling, proposal: Proposal) -> bool:
    """A curated proposal already covers this bill: finding it again is not news."""
    keys = bill_keys(proposal.identifier)
    curated = ctx.session.scalars(
        select(Proposal.identifier).where(
            Proposal.jurisdiction_id == proposal.jurisdiction_id,
            Proposal.origin == "curated",
            Proposal.retired_at.is_(None),
        )
    )
    return any(keys & bill_keys(identifier) for identifier in curated)
