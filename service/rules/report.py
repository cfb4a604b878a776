"""What one load of curated data did: counts per entity and outcome, changes, errors, orphans."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)
    changes: int = 0
    errors: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    def add(self, entity: str, outcome: str) -> None:
        self.counts[(entity, outcome)] += 1

    def line(self, entity: str) -> str:
        parts = [f"{self.counts[(entity, o)]} {o}" for o in ("inserted", "updated", "unchanged")]
        retired = self.counts[(entity, "retired")]
        if retired:
            parts.append(f"{retired} retired")
        return f"{entity}: " + ", ".join(parts)
