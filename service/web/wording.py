"""Plain words for the pages: statuses, substances, dates, headlines and changes."""

from __future__ import annotations

from datetime import date

from jurisdictions.registry import Division
from jurisdictions.vocabulary import PRIMARY_SOURCE_KINDS
from service.answers.model import UpcomingAnswer
from service.answers.phrases import STATUS_NAMES

SUBSTANCE_NAMES = {"kratom": "Kratom", "7-oh": "7-OH"}
LEVEL_LAW = {"country": "national law", "state": "state law", "county": "county law"}
# Whose law a first-level subdivision makes, by its kind: a province is not a state.
KIND_LAW = {
    "state": "state law",
    "district": "district law",
    "province": "provincial law",
    "territory": "territorial law",
    "canton": "cantonal law",
    "land": "state law",
}


def substance_name(substance: str | None) -> str:
    return SUBSTANCE_NAMES.get(substance or "", "Kratom and 7-OH")


def status_name(status: str | None) -> str:
    return STATUS_NAMES.get(status or "none", status or "")


def headline(substance: str, status: str, place: str) -> str:
    """ "Kratom is banned in Oceanside, California"."""
    name = substance_name(substance)
    phrases = {
        "banned": f"{name} is banned in {place}",
        "restricted": f"{name} is restricted in {place}",
        "regulated": f"{name} is legal but regulated in {place}",
        "legal": f"{name} is legal in {place}",
    }
    return phrases.get(status, f"{name}'s legal status in {place} is unknown")


def law_of(division: Division | None) -> str:
    """ "state law", "city law": whose law a deciding division's rule is."""
    if division is None:
        return ""
    if division.id == "ocd-division/country:us":
        return "federal law"
    if division.level == "state":
        return KIND_LAW.get(division.kind, "regional law")
    return LEVEL_LAW.get(division.level, "local law")


def day(value: str | date | None, precision: str | None = "day") -> str:
    """ "1 July 2026", "August 2019" or "2014", as precisely as the date is known."""
    if not value:
        return ""
    when = date.fromisoformat(value) if isinstance(value, str) else value
    if precision == "year":
        return str(when.year)
    if precision == "month":
        return f"{when:%B %Y}"
    return f"{when.day} {when:%B %Y}"


def words(code: str | None) -> str:
    """ "notice_of_intent" -> "notice of intent"."""
    return (code or "").replace("_", " ")


LOWER_NAMES = {"kratom": "kratom", "7-oh": "7-OH"}
STATUS_AFTER = {
    "banned": "banned",
    "restricted": "restricted",
    "regulated": "legal but regulated",
    "legal": "legal",
    "unknown": "of unknown legal status",
}


def upcoming_sentence(event: UpcomingAnswer) -> str:
    """One scheduled change along a chain, and what the answer here becomes."""
    name = LOWER_NAMES.get(event.substance, event.substance)
    where = event.jurisdiction.name
    if event.kind == "ends":
        rule = f"{where}'s {event.status} rule for {name} ends"
    else:
        rule = f"{where} makes {name} {event.status}"
    return f"{rule}; here {name} will then be {STATUS_AFTER.get(event.status_after, '')}."


PRIMARY_KINDS = frozenset(PRIMARY_SOURCE_KINDS)


def source_kind(kind: str | None) -> str:
    """ "statute (primary)", "news (secondary)"."""
    if not kind:
        return "kind not recorded"
    return f"{kind} ({'primary' if kind in PRIMARY_KINDS else 'secondary'})"


PRECISIONS = {
    "country": "a country",
    "state": "a state or province",
    "county": "a county",
    "place": "a city or town",
    "point": "a point on the map",
}


KINDS_FOUND = {"state": "a state", "province": "a province", "territory": "a territory"}


def found_as(precision: str, kind: str | None = None) -> str:
    """ "a city or town"; for a first-level subdivision its own kind ("a province")."""
    if precision == "state" and kind:
        return KINDS_FOUND.get(kind, "a " + kind.replace("_", " "))
    return PRECISIONS.get(precision, precision)


def count(number: int, noun: str) -> str:
    """ "1 state", "3 countries"."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def change_sentence(change) -> str:
    """What a recorded Change means, in one line."""
    name = substance_name(change.substance)
    old, new = change.old_status, change.new_status
    title = ((change.new_values or change.old_values or {}).get("title")) or "a proposal"
    sentences = {
        "added": f"New rule for {name}: {new}",
        "updated": f"{name} rule changed from {old} to {new}"
        if old != new
        else f"{name} rule revised ({', '.join(change.fields or ())})",
        "removed": f"{name} rule withdrawn (it said {old})",
        "in_force": f"{name} is now {new}" + (f" (was {old})" if old and old != new else ""),
        "lapsed": f"{name}'s {old} rule lapsed",
        "observed": f"{name} is {new}, as an official source reports",
        "reviewed": f"{name} is {new}, after a review of a source",
        "proposal_added": f"New proposal: {title}",
        "proposal_updated": f"Proposal updated: {title}",
        "proposal_removed": f"Proposal no longer pending: {title}",
    }
    return sentences.get(change.kind, f"{name}: {words(change.kind)}")
