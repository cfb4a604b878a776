"""A jurisdiction's page, /j/<ocd-id>: what applies there, its own rules and their history,
its proposals and sources, the places under it with law of their own, and its feeds."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request

from jurisdictions import ocd
from jurisdictions.registry import Division
from jurisdictions.resolve.resolution import label_for
from jurisdictions.vocabulary import SUBSTANCES
from service import context
from service.answers import build as answers
from service.answers.model import LevelAnswer, ProposalAnswer
from service.db import db
from service.problems import ApiProblem
from service.rules.rulebook import RuleBook
from service.rules.views import RuleView

from .answer_view import coming
from .asked import page_date
from .cards import cards
from .recent import latest_changes
from .wording import count

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


def _local_summary(children: list[LevelAnswer]) -> str:
    """ "17 counties and 11 cities here have law of their own; 23 ban kratom, 24 ban 7-OH." """
    counties = sum(1 for c in children if c.level == "county")
    parts = [count(counties, "county")] if counties else []
    cities = len(children) - counties
    if cities:
        parts.append(f"{cities} {'city or town' if cities == 1 else 'cities and towns'}")
    verb = "has" if len(children) == 1 else "have"
    said = f"{' and '.join(parts)} here {verb} law of their own"
    bans = []
    for substance, name in (("kratom", "kratom"), ("7-oh", "7-OH")):
        banning = sum(
            1 for c in children if c.rules[substance] and c.rules[substance].status == "banned"
        )
        if banning:
            bans.append(f"{banning} {'bans' if banning == 1 else 'ban'} {name}")
    return said + ("; " + ", ".join(bans) if bans else "") + "."


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
    on = page_date()
    registry, book = context.registry(), context.rulebook()
    chain = tuple(registry.chain(division.id))
    body = answers.verdict_for(chain, on)
    own = body.jurisdictions[-1].rules
    current = {rule.id for rule in own.values() if rule is not None}
    place = label_for(chain)
    children = _children(book, division, on)
    return render_template(
        "jurisdiction.html",
        division=division,
        place=place,
        body=body,
        cards=cards(body, place),
        coming=coming(body.upcoming),
        own=own,
        past_and_future=[r for r in _history(book, division) if r.id not in current],
        proposals=[ProposalAnswer(division, p) for p in book.proposals_for(division.id)],
        children=children,
        local_summary=_local_summary(children) if children else "",
        changes=latest_changes(db.session, registry, RECENT_CHANGES, jurisdiction_id=division.id),
        spans_note=_spans_counties(division),
        dated="date" in request.args,
    )
