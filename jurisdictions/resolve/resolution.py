"""What a location resolves to: the chain of jurisdictions, or candidates when it is ambiguous."""

from __future__ import annotations

from dataclasses import dataclass, field

from jurisdictions.registry import Division

PRECISIONS = ("country", "state", "county", "place", "point")


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another chain the location may fall in (a ZIP spanning counties, a point near a line).

    `incorporated` says, as for a Resolution, whether that other possibility lies inside an
    incorporated city or town (True), outside every one (False), or is not known (None)."""

    chain: tuple[Division, ...]
    label: str
    reason: str
    incorporated: bool | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a location lies: its chain of jurisdictions (country first) and how sure that is.

    `incorporated` is True when the location is known to lie inside an incorporated city or
    town (a city named in text, a point inside bundled limits of an incorporated place, with or
    without law of its own); False when it is known to lie outside every one (a CDP or
    unincorporated community named in text, a point of a county whose incorporated places'
    limits are all bundled that lies outside them); None when not known (a county, a state, a
    ZIP code, a point in a county without bundled limits). A county rule that reaches only
    unincorporated land applies for False, not for True, and is uncertain for None.
    """

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
