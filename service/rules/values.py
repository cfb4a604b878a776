"""The comparable content of rules and proposals (from a law file or the database), its hash,
and which differences between two versions are material (news)."""

from __future__ import annotations

import hashlib
import json

from jurisdictions.law.reader import ProposalRecord, RuleRecord

from .models import Proposal, Rule

RULE_MATERIAL = (
    "status", "activities", "min_age", "product_limits", "scope", "covers",
    "effective_from", "in_force_by", "effective_until",
)  # fmt: skip
PROPOSAL_MATERIAL = ("stage", "proposed_status", "substances", "min_age")


def rule_values(rule: RuleRecord | Rule) -> dict:
    """The comparable content of a rule, from a file record or a database row."""
    if isinstance(rule, Rule):
        sources = [_row_source(link) for link in rule.sources]
        start, start_p = rule.effective_from, rule.effective_from_precision
        until, until_p = rule.effective_until, rule.effective_until_precision
        limits = list(rule.product_limits or [])
    else:
        sources = [[s.url, s.title, s.retrieved.isoformat(), s.kind] for s in rule.sources]
        start = rule.effective_from.day if rule.effective_from else None
        start_p = rule.effective_from.precision if rule.effective_from else None
        until = rule.effective_until.day if rule.effective_until else None
        until_p = rule.effective_until.precision if rule.effective_until else None
        limits = [limit_values(limit) for limit in rule.product_limits]
    return {
        "status": rule.status,
        "activities": dict(rule.activities or {}),
        "min_age": rule.min_age,
        "conditions": list(rule.conditions or []),
        "product_limits": limits,
        "scope": rule.scope,
        "basis": rule.basis,
        "covers": list(rule.covers or []),
        "effective_from": start.isoformat() if start else None,
        "effective_from_precision": start_p,
        "in_force_by": rule.in_force_by.isoformat() if rule.in_force_by else None,
        "effective_until": until.isoformat() if until else None,
        "effective_until_precision": until_p,
        "until_derived": bool(rule.until_derived),
        "date_note": rule.date_note,
        "conflict": rule.conflict,
        "citation": rule.citation,
        "summary": rule.summary,
        "confidence": rule.confidence,
        "last_verified": rule.last_verified.isoformat(),
        "sources": sources,
    }


def limit_values(limit) -> dict:
    return {"kind": limit.kind, "value": limit.value, "note": limit.note}


def _row_source(link) -> list:
    source = link.source
    return [source.url, source.title, link.retrieved_at.isoformat(), source.kind]


def proposal_values(proposal: ProposalRecord | Proposal) -> dict:
    if isinstance(proposal, Proposal):
        sources = [_row_source(link) for link in proposal.sources]
        action_day, action_p = proposal.last_action_date, proposal.last_action_precision
    else:
        sources = [[s.url, s.title, s.retrieved.isoformat(), s.kind] for s in proposal.sources]
        action = proposal.last_action_date
        action_day, action_p = (action.day, action.precision) if action else (None, None)
    return {
        "substances": list(proposal.substances),
        "identifier": proposal.identifier,
        "title": proposal.title,
        "stage": proposal.stage,
        "proposed_status": proposal.proposed_status,
        "min_age": proposal.min_age,
        "last_action": proposal.last_action,
        "last_action_date": action_day.isoformat() if action_day else None,
        "last_action_precision": action_p,
        "url": proposal.url,
        "summary": proposal.summary,
        "confidence": proposal.confidence,
        "last_verified": proposal.last_verified.isoformat(),
        "sources": sources,
    }


def content_hash(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def differences(old: dict, new: dict) -> list[str]:
    return [name for name in new if old.get(name) != new[name]]


def is_material(fields: list[str], material: tuple[str, ...], old: dict, new: dict) -> bool:
    for name in fields:
        if name == "effective_until" and old["until_derived"] and new["until_derived"]:
            continue  # the end moved because a neighbouring rule changed; that one is the news
        if name in material:
            return True
    return False
