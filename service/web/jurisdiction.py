"""A jurisdiction's page, /j/<ocd-id>: what applies there, its own rules and their history,
its proposals and sources, the places under it with law of their own, and its feeds."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request

from jurisdictions import ocd
from jurisdictions.registry import Division
from jurisdictions.resolve.resolution import label_for
from jurisdictions.vocabulary import SUBSTANCES
from service import context, params
from service.answers import build as answers
from service.answers.model import LevelAnswer, ProposalAnswer
from service.db import db, today
from service.problems import ApiProblem
from service.rules.rulebook import RuleBook
from service.rules.views import RuleView

from .answer_view import unique_sources
from .recent import latest_changes

bp = Blueprint("jurisdiction", __name__)
RECENT_CHANGES = 20


def _division(ocd_id: str) -> Division:
    division = context.registry().get(ocd_id) if ocd.is_valid(ocd_id) else None
    if division is None:
        detail = f"We have no jurisdiction with the id “{ocd_id[:200]}”. Search for the place."
        raise ApiProblem(404, detail, title="Jurisdiction not found")
    return division


def _history(book: RuleBook, division: Division) -> list[RuleView]:
    rules = [view for s in SUBSTANCES for view in book.timeline(division.id, s)]
    return sorted(rules, key=lambda r: (r.effective_from or date.min, r.substance))


def _children(book: RuleBook, division: Division, on: date) -> list[LevelAnswer]:
    children = [c for c in context.registry().children(division.id) if book.has_law(c.id)]
    children.sort(key=lambda c: (c.level != "county", c.name))
    return [
        LevelAnswer(child, {s: book.rule_on(child.id, s, on) for s in SUBSTANCES})
        for child in children
    ]


def _spans_counties(division: Division) -> str | None:
    if len(division.counties) < 2:
        return None
    return (
        f"{division.name} spans {len(division.counties)} counties; the answer above uses the "
        "one holding its centre. Search for an address or use your location for the exact county."
    )


@bp.get("/j/<path:ocd_id>")
def page(ocd_id: str):
    division = _division(ocd_id)
    on = params.as_of_date() if request.args.get("date") else today()
    registry, book = context.registry(), context.rulebook()
    chain = tuple(registry.chain(division.id))
    body = answers.verdict_for(chain, on)
    own = body.jurisdictions[-1].rules
    history = _history(book, division)
    proposals = [ProposalAnswer(division, p) for p in book.proposals_for(division.id)]
    sources = unique_sources([r.sources for r in history] + [p.sources for p in proposals])
    return render_template(
        "jurisdiction.html",
        division=division,
        place=label_for(chain),
        body=body,
        own=own,
        history=history,
        proposals=proposals,
        sources=sources,
        children=_children(book, division, on),
        changes=latest_changes(db.session, registry, RECENT_CHANGES, jurisdiction_id=division.id),
        spans_note=_spans_counties(division),
        dated="date" in request.args,
    )
