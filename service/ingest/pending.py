"""Proposal claims (bills, notices, ordinances) into the pending proposals.

A scraped proposal is a Proposal row of the source's own origin, keyed by the source's own id,
inserted once and updated when its stage or last action moves; each step is a Change. The rule
book shows each bill once, preferring the curated proposal with the same bill number.
"""

from __future__ import annotations

from sqlalchemy import select

from jurisdictions.vocabulary import INACTIVE_STAGES
from scrapers.observation import Observation
from service.rules.changes import record_change
from service.rules.models import Proposal, ProposalSource
from service.rules.rulebook import bill_keys
from service.rules.values import PROPOSAL_MATERIAL, content_hash

from .models import Observation as ObservationRow
from .observed_rules import source_row, source_title
from .settling import Settling

CLAIMED = (
    "substances", "identifier", "title", "stage", "proposed_status", "min_age", "last_action",
    "last_action_date", "url",
)  # fmt: skip


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


def apply(ctx: Settling, observation: Observation, row: ObservationRow) -> str:
    key = f"{observation.source}:{observation.native_id}"[:300]
    proposal = ctx.session.scalar(
        select(Proposal).where(
            Proposal.origin == observation.source,
            Proposal.key == key,
            Proposal.retired_at.is_(None),
        )
    )
    new = claim_of(observation)
    if proposal is None:
        proposal = Proposal(jurisdiction_id=observation.jurisdiction_id, key=key)
        ctx.session.add(proposal)
        _fill(ctx, proposal, observation, row, new)
        return _record(ctx, proposal, "proposal_added", None, new, list(new))
    old = stored_claim(proposal)
    fields = [name for name in new if old[name] != new[name]]
    if not fields:
        if proposal.last_verified < row.retrieved_at.date():
            proposal.last_verified = row.retrieved_at.date()
            ctx.tally.rules_changed = True
        ctx.tally.agreements += 1
        return "unchanged"
    _fill(ctx, proposal, observation, row, new)
    proposal.updated_at = ctx.now
    return _record(ctx, proposal, "proposal_updated", old, new, fields)


def _fill(ctx: Settling, proposal: Proposal, observation: Observation, row, values: dict) -> None:
    for name in CLAIMED:
        if name != "last_action_date":
            setattr(proposal, name, values[name])
    proposal.substances = list(values["substances"])
    proposal.last_action_date = observation.last_action_date
    proposal.last_action_precision = "day" if observation.last_action_date else None
    proposal.summary = observation.excerpt[:400]
    proposal.confidence = ctx.policy.confidence
    proposal.last_verified = row.retrieved_at.date()
    proposal.origin, proposal.origin_ref = observation.source, observation.native_id[:300]
    proposal.content_hash = content_hash(values)
    title = source_title(observation.source, observation.identifier)
    proposal.sources = [
        ProposalSource(
            position=0,
            source=source_row(ctx.session, observation.source_url, title),
            retrieved_at=row.retrieved_at.date(),
        )
    ]


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
