"""What a change email says about each piece of news: the place, the substance, the old and
new status, the effective date, the sources and a link to the place's page.

A sending run keeps the entries it has built, since thousands of messages usually carry the
same few changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurisdictions.resolve.resolution import label_for
from service import context
from service.rules.models import Change, Proposal, Rule

from .links import page_url

SUBSTANCES = {"kratom": "kratom leaf", "7-oh": "7-OH products"}
HEADLINES = {
    "added": "New rule",
    "updated": "Rule changed",
    "removed": "Rule withdrawn",
    "in_force": "Now in force",
    "lapsed": "Rule ended",
    "observed": "New rule from an official source",
    "reviewed": "Rule corrected after review",
    "proposal_added": "New proposal",
    "proposal_updated": "Proposal moved",
    "proposal_removed": "Proposal dropped",
}


@dataclass(frozen=True)
class Entry:
    place: str
    headline: str
    substance: str | None
    old_status: str | None
    new_status: str | None
    effective_date: date | None
    title: str | None
    sources: tuple[tuple[str, str], ...]  # (url, title)
    link: str
    jurisdiction_id: str = ""
    substance_code: str | None = None  # "kratom" or "7-oh"; None for a proposal


def place_name(jurisdiction_id: str) -> str:
    registry = context.registry()
    division = registry.get(jurisdiction_id)
    if division is None:
        return jurisdiction_id
    return label_for(tuple(registry.chain(jurisdiction_id)), division.name)


def _status(status: str | None, values: dict | None) -> str | None:
    age = (values or {}).get("min_age")
    return f"{status} ({age}+)" if status and age else status


def _rule_sources(rule: Rule | None) -> tuple[tuple[str, str], ...]:
    return tuple((s.source.url, s.source.title) for s in rule.sources) if rule else ()


def _proposal_parts(proposal: Proposal) -> tuple[str, tuple]:
    title = f"{proposal.identifier}: {proposal.title}" if proposal.identifier else proposal.title
    links = [(proposal.url, proposal.title)] if proposal.url else []
    links += [(s.source.url, s.source.title) for s in proposal.sources]
    return f"{title} (stage: {proposal.stage.replace('_', ' ')})", tuple(dict.fromkeys(links))


class NewsBook:
    def __init__(self, session: Session):
        self.session = session
        self.entries: dict[tuple[str, int], Entry] = {}
        self.rendered: dict = {}  # the letters' rendered news parts, by entries

    def get(self, change_id: int | None, rule_id: int | None) -> Entry:
        key = ("change", change_id) if change_id is not None else ("rule", rule_id)
        if key not in self.entries:
            self.load([key])
        return self.entries[key]

    def load(self, keys) -> None:
        """Build the entries for (`change`|`rule`, id) keys not built yet, a query per kind."""
        wanted = {kind: {i for k, i in keys if k == kind and (k, i) not in self.entries}
                  for kind in ("change", "rule")}  # fmt: skip
        if wanted["change"]:
            for change in self.session.scalars(
                select(Change).where(Change.id.in_(wanted["change"]))
            ):
                self.entries[("change", change.id)] = self._from_change(change)
        if wanted["rule"]:
            for rule in self.session.scalars(select(Rule).where(Rule.id.in_(wanted["rule"]))):
                self.entries[("rule", rule.id)] = self._from_rule(rule)

    def _from_change(self, change: Change) -> Entry:
        title, sources = None, ()
        if change.proposal_id is not None:
            title, sources = _proposal_parts(self.session.get(Proposal, change.proposal_id))
        elif change.rule_id is not None:
            sources = _rule_sources(self.session.get(Rule, change.rule_id))
        return Entry(
            place=place_name(change.jurisdiction_id),
            headline=HEADLINES.get(change.kind, "Changed"),
            substance=SUBSTANCES.get(change.substance, change.substance),
            old_status=_status(change.old_status, change.old_values),
            new_status=_status(change.new_status, change.new_values),
            effective_date=change.effective_date,
            title=title,
            sources=sources,
            link=page_url(change.jurisdiction_id),
            jurisdiction_id=change.jurisdiction_id,
            substance_code=change.substance if change.proposal_id is None else None,
        )

    def _from_rule(self, rule: Rule) -> Entry:
        """A week-ahead reminder: the rule that starts, and what it replaces."""
        day = rule.effective_from
        before = context.rulebook().rule_on(
            rule.jurisdiction_id, rule.substance, day - timedelta(1)
        )
        return Entry(
            place=place_name(rule.jurisdiction_id),
            headline=f"Takes effect on {day.isoformat()}",
            substance=SUBSTANCES.get(rule.substance, rule.substance),
            old_status=_status(before.status, {"min_age": before.min_age}) if before else None,
            new_status=_status(rule.status, {"min_age": rule.min_age}),
            effective_date=day,
            title=rule.summary,
            sources=_rule_sources(rule),
            link=page_url(rule.jurisdiction_id),
            jurisdiction_id=rule.jurisdiction_id,
            substance_code=rule.substance,
        )
