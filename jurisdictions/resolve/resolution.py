"""What a location resolves to: the chain of jurisdictions, or candidates when it is ambiguous."""

from __future__ import annotations

from dataclasses import dataclass, field

from jurisdictions.registry import Division

PRECISIONS = ("country", "state", "county", "place", "point")


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another chain the location may fall in (a ZIP spanning counties, a point near a line)."""

    chain: tuple[Division, ...]
    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    chain: tuple[Division, ...]
    label: str
    precision: str
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False
    near_boundary: bool = False
    resolver: str = "offline"
    notes: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = field(default=())
    # Inside an incorporated city or town: True, False (outside every one in its county), or
    # None when not known. A county ordinance reaching only unincorporated land depends on it.
    incorporated: bool | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    label: str
    chain: tuple[Division, ...]
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """The text names several places and none stands out: the caller must choose."""

    text: str
    candidates: tuple[Candidate, ...]


def label_for(chain: tuple[Division, ...], name: str | None = None) -> str:
    """ "Oceanside, California", "Sarasota County, Florida", "Toronto, Ontario, Canada"."""
    parts = [name] if name else []
    for division in reversed(chain):
        if name and division.name == name:
            continue
        if division.level == "county" and name:
            continue  # "Oceanside, California" reads better than with its county
        if (
            division.level == "country"
            and division.id == "ocd-division/country:us"
            and len(chain) > 1
        ):
            continue
        parts.append(division.name)
    return ", ".join(dict.fromkeys(parts))
