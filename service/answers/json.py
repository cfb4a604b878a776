"""The v1 JSON form of answers, rules and proposals, shared by every API endpoint and feed."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division
from service.links import public_url
from service.rules.rulebook import ProposalView, RuleView, SourceView

from .model import Answer, ProposalAnswer, SubstanceAnswer, UpcomingAnswer, VerdictAnswer


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def division_ref(division: Division | None) -> dict | None:
    if division is None:
        return None
    return {"id": division.id, "name": division.name, "level": division.level}


def jurisdiction_link(division: Division) -> str:
    return public_url("api.jurisdiction", ocd_id=division.id)


def sources(items: tuple[SourceView, ...]) -> list[dict]:
    return [{"url": s.url, "title": s.title, "retrieved_at": day(s.retrieved_at)} for s in items]


def rule(view: RuleView | None) -> dict | None:
    if view is None:
        return None
    return {
        "substance": view.substance,
        "status": view.status,
        "min_age": view.min_age,
        "covers": list(view.covers),
        "effective_from": day(view.effective_from),
        "effective_from_precision": view.effective_from_precision,
        "effective_until": day(view.effective_until),
        "date_note": view.date_note,
        "citation": view.citation,
        "summary": view.summary,
        "confidence": view.confidence,
        "last_verified": day(view.last_verified),
        "sources": sources(view.sources),
    }


def substance(verdict: SubstanceAnswer) -> dict:
    return {
        "status": verdict.status,
        "min_age": verdict.min_age,
        "decided_by": division_ref(verdict.decided_by),
        "effective_date": day(verdict.effective_date),
        "effective_date_precision": verdict.effective_date_precision,
        "summary": verdict.summary,
        "citation": verdict.citation,
        "confidence": verdict.confidence,
        "sources": sources(verdict.sources),
        "last_verified": day(verdict.last_verified),
        "note": verdict.note,
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
    }


def answer(result: Answer) -> dict:
    found = verdict_answer(result.found) if result.found else None
    location = result.location
    return {
        "as_of": day(result.as_of),
        "location": None if location is None else {
            "label": location.label,
            "lat": location.lat,
            "lon": location.lon,
            "precision": location.precision,
            "approximate": location.approximate,
            "near_boundary": location.near_boundary,
            "resolver": location.resolver,
        },
        "jurisdictions": found["jurisdictions"] if found else [],
        "verdict": found["verdict"] if found else None,
        "upcoming": found["upcoming"] if found else [],
        "pending": found["pending"] if found else [],
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
