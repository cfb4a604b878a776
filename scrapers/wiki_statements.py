"""Country statements in encyclopedia prose: which countries a sentence names, the status it
states, and the year it dates it to.

The legal-status section of the article is organised by region ("Europe", "ASEAN",
"Australia and New Zealand"), and inside a region each sentence names its countries ("In the
Czech Republic, ..."), so countries are read per sentence; a sentence that names none speaks of
its subsection's country or of the last country named before it in the paragraph. Prose tells
history as well as the present: sentences about the past ("was illegal until 2018",
"previously") or about what might happen ("considered", "would", "scheduled to become") state
no current status and are skipped, and of the rest each country's latest dated statement
decides, unless an undated one says what holds now ("remains legal", "currently").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .base import clean
from .places import US, country_names

_I = re.IGNORECASE
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
HYPOTHETICAL = re.compile(
    r"\bconsider\w*\s+(?:\w+ing|whether|to)\b|\bpropos\w*|\bplann\w*|\bwould\b|\bcould\b"
    r"|\bmight\b|\burg\w*|\bintend\w*|\bwill\b|\bexpected\b|\bscheduled to become\b|\bmay be\b",
    _I,
)
HISTORICAL = re.compile(
    r"\buntil\s+(?:\w+\s+){0,2}(?:1[89]|20)\d\d\b|\bpreviously\b|\bformerly\b|\bused to be\b", _I
)
CURRENT = re.compile(r"\b(?:now|currently|remains?|still|as of (?:today|now))\b", _I)
NEGATED = re.compile(
    r"\b(?:not|no longer|never|neither)\s+(?:\w+\s+){0,3}?"
    r"(?:controlled|scheduled|banned|illegal|prohibited|listed)",
    _I,
)
LEGALISED = re.compile(
    r"\blegaliz\w*|\blegalis\w*|\bbecame legal\b|\bremains? legal\b|\bmade \w+ legal\b"
    r"|\bremoved (?:it|kratom)? ?from the (?:list|schedule)",
    _I,
)
REGULATED = re.compile(
    r"\bregulated\b|\blicen[cs]\w*|\bonly to adults\b|\bprescription\b"
    r"|\bmedical (?:use|purposes)\b",
    _I,
)
BANNED = re.compile(
    r"\billegal\b|\bbann?(?:ed|s)?\b|\bprohibit\w*|\bcontrolled\b|\bnarcotic\w*|\bschedul\w*"
    r"|\boffen[cs]es?\b|\boutlaw\w*",
    _I,
)
LEGAL = re.compile(r"\blegal\b|\buncontrolled\b|\bunregulated\b", _I)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Statement:
    country: str
    status: str
    year: int | None
    current: bool
    text: str

    @property
    def rank(self) -> int:
        """Later years decide; an undated statement of what holds now beats every date."""
        return 10_000 if self.current and self.year is None else (self.year or 0)


def status_of(sentence: str) -> str | None:
    """The status one sentence states now, or None (no status, past or hypothetical)."""
    text = clean(sentence)
    if HYPOTHETICAL.search(text) or HISTORICAL.search(text):
        return None
    if LEGALISED.search(text) or NEGATED.search(text):
        return "regulated" if REGULATED.search(text) else "legal"
    if REGULATED.search(text):
        return "regulated"
    if BANNED.search(text):
        return "banned"
    return "legal" if LEGAL.search(text) else None


@cache
def _country_pattern() -> re.Pattern:
    names = "|".join(re.escape(name) for name, _id in country_names())
    return re.compile(rf"(?<![\w.])(?:{names})(?![\w])")


def countries_in(sentence: str) -> list[str]:
    """The division ids of the countries a sentence names, in order, once each."""
    ids = dict(country_names())
    found: list[str] = []
    for match in _country_pattern().finditer(sentence):
        division = ids[match.group(0)]
        if division not in found:
            found.append(division)
    return found


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(clean(text)) if part]


def statements(paragraph: str, heading_country: str | None) -> list[Statement]:
    """Every country statement of one paragraph under a subsection about `heading_country`
    (None for a region)."""
    found: list[Statement] = []
    subject = [heading_country] if heading_country else []
    for sentence in sentences(paragraph):
        named = countries_in(sentence)
        if named:
            subject = named
        status = status_of(sentence)
        if status is None:
            continue
        years = [int(y) for y in YEAR.findall(sentence)]
        year = max(years) if years else None
        current = bool(CURRENT.search(sentence))
        found += [Statement(c, status, year, current, sentence) for c in subject if c != US]
    return found


def latest(found: list[Statement]) -> dict[str, Statement]:
    """Each country's deciding statement: the highest rank, the later one on a tie."""
    chosen: dict[str, Statement] = {}
    for statement in found:
        best = chosen.get(statement.country)
        if best is None or statement.rank >= best.rank:
            chosen[statement.country] = statement
    return chosen
