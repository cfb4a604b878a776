"""How complete and how well sourced the curated law is: counts by level, status, confidence and
source kind, the share of restricting rules that rest on a primary source, and the gaps.

Read from the law files alone (no database), for `flask --app service coverage` and data tests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from jurisdictions.registry import Registry
from jurisdictions.vocabulary import RESTRICTING, SUBSTANCES

from .checks import level_of

__all__ = ["Coverage", "level_of", "lines", "measure"]
from .records import LawFile, RuleRecord

# ISO 3166-1 lists 249 countries and territories; six of them (PR, GU, VI, AS, MP, UM) are
# states of the US in the registry.
US_TERRITORIES = ("pr", "gu", "vi", "as", "mp", "um")


@dataclass
class Coverage:
    on: date
    files: Counter = field(default_factory=Counter)  # level -> files
    statuses: Counter = field(default_factory=Counter)  # (level, substance, status) -> files
    confidence: Counter = field(default_factory=Counter)  # confidence -> rules
    source_kinds: Counter = field(default_factory=Counter)  # kind -> citations
    restricting: int = 0
    restricting_with_primary: int = 0
    partial_dates: int = 0
    known_by_only: int = 0
    local_with_rules: int = 0
    territories: set[str] = field(default_factory=set)
    missing_countries: list[str] = field(default_factory=list)
    unknown_now: list[str] = field(default_factory=list)

    @property
    def primary_share(self) -> float:
        return self.restricting_with_primary / self.restricting if self.restricting else 1.0

    @property
    def countries(self) -> int:
        return self.files["country"] + len(self.territories)


def in_force(law: LawFile, substance: str, on: date) -> RuleRecord | None:
    found = [
        rule
        for rule in law.rules
        if rule.substance == substance
        and rule.start <= on
        and (rule.effective_until is None or on < rule.effective_until.day)
    ]
    return found[-1] if found else None


def measure(files: list[LawFile], registry: Registry, on: date) -> Coverage:
    report = Coverage(on)
    ids = {law.id for law in files}
    for law in files:
        _count_file(report, law, on)
    report.missing_countries = sorted(
        division.id
        for division in registry
        if division.level == "country" and division.id not in ids
    ) + [
        f"ocd-division/country:us/state:{code}"
        for code in US_TERRITORIES
        if f"ocd-division/country:us/state:{code}" not in ids
    ]
    return report


def _count_file(report: Coverage, law: LawFile, on: date) -> None:
    level = level_of(law.id)
    report.files[level] += 1
    territory = law.id.removeprefix("ocd-division/country:us/state:")
    if territory in US_TERRITORIES:
        report.territories.add(territory)
    if level in ("county", "place") and law.rules:
        report.local_with_rules += 1
    for substance in SUBSTANCES:
        current = in_force(law, substance, on)
        report.statuses[(level, substance, current.status if current else "none")] += 1
        if current is not None and current.status == "unknown" and level in ("country", "state"):
            report.unknown_now.append(f"{law.id} {substance}: {current.conflict}")
    for rule in law.rules:
        report.confidence[rule.confidence] += 1
        report.source_kinds.update(source.kind for source in rule.sources)
        if rule.status in RESTRICTING:
            report.restricting += 1
            report.restricting_with_primary += any(s.primary for s in rule.sources)
            partial = rule.effective_from and rule.effective_from.precision != "day"
            report.partial_dates += bool(partial)
            report.known_by_only += rule.in_force_by is not None


def lines(report: Coverage) -> list[str]:
    """The report as text, one fact a line."""
    said = [
        f"Coverage of the curated law files on {report.on.isoformat()}",
        f"countries and territories with a file: {report.countries} of 249",
        "files by level: " + ", ".join(f"{k} {v}" for k, v in sorted(report.files.items())),
        f"local jurisdictions with a rule of their own: {report.local_with_rules}",
        f"restricting rules: {report.restricting}; with a primary source: "
        f"{report.restricting_with_primary} ({report.primary_share:.0%}); dated only to a month "
        f"or year: {report.partial_dates}; known only in force by a day: {report.known_by_only}",
        "rules by confidence: "
        + ", ".join(f"{k} {v}" for k, v in sorted(report.confidence.items())),
        "citations by source kind: "
        + ", ".join(f"{k} {v}" for k, v in report.source_kinds.most_common()),
        "status in force, by level and substance:",
    ]
    for (level, substance, status), count in sorted(report.statuses.items()):
        said.append(f"  {level:8} {substance:7} {status:11} {count}")
    said.append(f"countries missing a file: {', '.join(report.missing_countries) or 'none'}")
    said.append("countries and states whose law is unknown today (with the conflict):")
    said += [f"  {item}" for item in report.unknown_now] or ["  none"]
    return said
