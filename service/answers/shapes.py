"""JSON shapes of rules, verdicts and proposals, shared by every endpoint."""

from __future__ import annotations

from datetime import date

from flask import url_for

from jurisdictions.registry import Division
from service.rules.rulebook import ProposalView, RuleView, SourceView
from service.rules.verdict import SubstanceVerdict, Upcoming, Verdict

NOTES = {
    "legal": "No law of its own restricts it here. Legal is not the same as safe or tested.",
    "unknown": "Nothing reliable is known about its legal status here.",
}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def division_ref(division: Division | None) -> dict | None:
    if division is None:
        return None
    return {"id": division.id, "name": division.name, "level": division.level}


def sources(items: tuple[SourceView, ...]) -> list[dict]:
    return [{"url": s.url, "title": s.title, "retrieved_at": _day(s.retrieved_at)} for s in items]


def rule(view: RuleView | None) -> dict | None:
    if view is None:
        return None
    return {
        "substance": view.substance,
        "status": view.status,
        "min_age": view.min_age,
        "covers": list(view.covers),
        "effective_from": _day(view.effective_from),
        "effective_from_precision": view.effective_from_precision,
        "effective_until": _day(view.effective_until),
        "date_note": view.date_note,
        "citation": view.citation,
        "summary": view.summary,
        "confidence": view.confidence,
        "last_verified": _day(view.last_verified),
        "sources": sources(view.sources),
    }


def substance_verdict(verdict: SubstanceVerdict) -> dict:
    deciding = verdict.rule
    return {
        "status": verdict.status,
        "min_age": verdict.min_age,
        "decided_by": division_ref(verdict.decided_by),
        "effective_date": _day(deciding.effective_from) if deciding else None,
        "effective_date_precision": deciding.effective_from_precision if deciding else None,
        "summary": deciding.summary if deciding else None,
        "citation": deciding.citation if deciding else None,
        "confidence": deciding.confidence if deciding else None,
        "sources": sources(deciding.sources) if deciding else [],
        "last_verified": _day(deciding.last_verified) if deciding else None,
        "note": NOTES.get(verdict.status),
    }


def upcoming(event: Upcoming) -> dict:
    return {
        "date": _day(event.day),
        "kind": event.kind,
        "substance": event.rule.substance,
        "jurisdiction": division_ref(event.division),
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
        "last_action_date": _day(view.last_action_date),
        "url": view.url,
        "summary": view.summary,
        "confidence": view.confidence,
        "last_verified": _day(view.last_verified),
        "sources": sources(view.sources),
    }


def jurisdiction_link(division: Division) -> str:
    return url_for("api.jurisdiction", ocd_id=division.id, _external=False)


def verdict(result: Verdict) -> dict:
    return {
        "as_of": _day(result.as_of),
        "jurisdictions": [
            {
                **division_ref(division),
                "rules": {substance: rule(view) for substance, view in own.items()},
            }
            for division, own in zip(result.chain, result.own_rules, strict=True)
        ],
        "verdict": {s: substance_verdict(v) for s, v in result.substances.items()},
        "upcoming": [upcoming(event) for event in result.upcoming],
        "pending": [proposal(division, view) for division, view in result.pending],
    }
