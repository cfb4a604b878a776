"""The v1 JSON form of answers, rules and proposals, shared by every API endpoint and feed."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division
from service.links import public_url
from service.rules.views import ProposalView, RuleView, SourceView

from .model import (
    Answer,
    ProposalAnswer,
    RelatedAnswer,
    SubstanceAnswer,
    UpcomingAnswer,
    VerdictAnswer,
)


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def division_ref(division: Division | None) -> dict | None:
    if division is None:
        return None
    return {"id": division.id, "name": division.name, "level": division.level}


def jurisdiction_link(division: Division) -> str:
    return public_url("api.jurisdiction", ocd_id=division.id)


def sources(items: tuple[SourceView, ...]) -> list[dict]:
    return [
        {"url": s.url, "title": s.title, "retrieved_at": day(s.retrieved_at), "kind": s.kind}
        for s in items
    ]


def limits(items) -> list[dict]:
    return [{"kind": limit.kind, "value": limit.value, "note": limit.note} for limit in items]


def rule(view: RuleView | None) -> dict | None:
    if view is None:
        return None
    return {
        "substance": view.substance,
        "status": view.status,
        "min_age": view.min_age,
        "covers": list(view.covers),
        "activities": dict(view.activities),
        "conditions": list(view.conditions),
        "product_limits": limits(view.product_limits),
        "scope": view.scope,
        "basis": view.basis,
        "effective_from": day(view.effective_from),
        "effective_from_precision": view.effective_from_precision,
        "in_force_by": day(view.in_force_by),
        "effective_until": day(view.effective_until),
        "date_note": view.date_note,
        "conflict": view.conflict,
        "citation": view.citation,
        "summary": view.summary,
        "confidence": view.confidence,
        "last_verified": day(view.last_verified),
        "sources": sources(view.sources),
    }


def activities(verdict: SubstanceAnswer) -> dict:
    return {
        name: {
            "permission": activity.permission,
            "min_age": activity.min_age,
            "decided_by": division_ref(activity.decided_by),
        }
        for name, activity in verdict.activities.items()
    }


def next_change(change) -> dict | None:
    if change is None:
        return None
    return {
        "date": day(change.day),
        "latest_date": day(change.latest),
        "status": change.status,
        "decided_by": division_ref(change.decided_by),
        "certain": change.certain,
    }


def substance(verdict: SubstanceAnswer) -> dict:
    return {
        "status": verdict.status,
        "min_age": verdict.min_age,
        "decided_by": division_ref(verdict.decided_by),
        "effective_date": day(verdict.effective_date),
        "effective_date_precision": verdict.effective_date_precision,
        "in_force_by": day(verdict.in_force_by),
        "summary": verdict.summary,
        "citation": verdict.citation,
        "confidence": verdict.confidence,
        "sources": sources(verdict.sources),
        "last_verified": day(verdict.last_verified),
        "note": verdict.note,
        "explanation": verdict.explanation,
        "activities": activities(verdict),
        "product_limits": [
            {**limits([limit])[0], "jurisdiction": division_ref(division)}
            for division, limit in verdict.product_limits
        ],
        "basis": verdict.rule.basis if verdict.rule else None,
        "scope": verdict.rule.scope if verdict.rule else None,
        "certain": verdict.certain,
        "possible_statuses": list(verdict.possible_statuses),
        "uncertainty": list(verdict.uncertainty),
        "next_change": next_change(verdict.next_change),
    }


def upcoming(event: UpcomingAnswer) -> dict:
    return {
        "date": day(event.date),
        "kind": event.kind,
        "substance": event.rule.substance,
        "jurisdiction": division_ref(event.jurisdiction),
        "status": event.rule.status,
        "min_age": event.rule.min_age,
        "summary": event.rule.summary,
        "citation": event.rule.citation,
        "sources": sources(event.rule.sources),
        "status_after": event.status_after,
        "changes_answer": event.changes_answer,
    }


def proposal(division: Division, view: ProposalView) -> dict:
    return {
        "jurisdiction": division_ref(division),
        "substances": list(view.substances),
        "identifier": view.identifier,
        "title": view.title,
        "stage": view.stage,
        "proposed_status": view.proposed_status,
        "min_age": view.min_age,
        "last_action": view.last_action,
        "last_action_date": day(view.last_action_date),
        "url": view.url,
        "summary": view.summary,
        "confidence": view.confidence,
        "last_verified": day(view.last_verified),
        "sources": sources(view.sources),
    }


def pending(item: ProposalAnswer) -> dict:
    return proposal(item.jurisdiction, item.proposal)


def verdicts(found: dict[str, SubstanceAnswer]) -> dict:
    return {name: substance(v) for name, v in found.items()}


def verdict_answer(found: VerdictAnswer) -> dict:
    return {
        "as_of": day(found.as_of),
        "jurisdictions": [
            {**division_ref(level.division), "rules": {s: rule(v) for s, v in level.rules.items()}}
            for level in found.jurisdictions
        ],
        "verdict": verdicts(found.verdict),
        "upcoming": [upcoming(event) for event in found.upcoming],
        "pending": [pending(item) for item in found.pending],
        "related": [related(item) for item in found.related],
    }


def related(item: RelatedAnswer) -> dict:
    law = item.law
    return {
        "jurisdiction": division_ref(item.jurisdiction),
        "title": law.title,
        "compounds": list(law.compounds),
        "effective_from": day(law.effective_from),
        "effective_from_precision": law.effective_from_precision,
        "effective_until": day(law.effective_until),
        "citation": law.citation,
        "summary": law.summary,
        "last_verified": day(law.last_verified),
        "sources": sources(law.sources),
    }


def answer(result: Answer) -> dict:
    found = verdict_answer(result.found) if result.found else None
    location = result.location
    return {
        "as_of": day(result.as_of),
        "location": None
        if location is None
        else {
            "label": location.label,
            "lat": location.lat,
            "lon": location.lon,
            "precision": location.precision,
            "approximate": location.approximate,
            "near_boundary": location.near_boundary,
            "resolver": location.resolver,
            "incorporated": location.incorporated,
        },
        "jurisdictions": found["jurisdictions"] if found else [],
        "verdict": found["verdict"] if found else None,
        "upcoming": found["upcoming"] if found else [],
        "pending": found["pending"] if found else [],
        "related": found["related"] if found else [],
        "alternatives": [
            {
                "label": alternative.label,
                "reason": alternative.reason,
                "jurisdictions": [division_ref(d) for d in alternative.jurisdictions],
                "verdict": verdicts(alternative.verdict),
            }
            for alternative in result.alternatives
        ],
        "candidates": [
            {
                "label": c.label,
                "lat": c.lat,
                "lon": c.lon,
                "jurisdictions": [division_ref(d) for d in c.jurisdictions],
            }
            for c in result.candidates
        ],
        "notes": list(result.notes),
    }
