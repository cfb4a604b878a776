"""The status maps: inline SVG from jurisdictions/data/geo/maps.json (built by
jurisdictions.build.build_maps), each shape a link coloured by its jurisdiction's own rules.

Each shape carries a class for both substances (`k-b o-l`: kratom banned, 7-OH legal), so the
stylesheet shows one or the other and the switch needs no second copy of the map. Markup is
memoised per rule snapshot and day.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from flask import url_for
from markupsafe import Markup, escape

from jurisdictions.geo import DATA_DIR
from jurisdictions.registry import Registry
from jurisdictions.vocabulary import STATUSES, SUBSTANCES
from service.rules.rulebook import RuleBook

MAPS_PATH = DATA_DIR / "maps.json"
SUBSTANCE_CODES = {"kratom": "k", "7-oh": "o"}
LABELS = {"kratom": "kratom", "7-oh": "7-OH"}
STATUS_CODES = {"banned": "b", "restricted": "r", "regulated": "g", "legal": "l", "unknown": "u"}
LEGEND_ORDER = (*(s for s in STATUSES if s != "unknown"), "unknown")


@dataclass(frozen=True)
class StatusMap:
    name: str
    markup: Markup
    # substance -> status -> how many shapes have it
    counts: dict[str, Counter]


@cache
def _geometry() -> dict:
    return json.loads(MAPS_PATH.read_text(encoding="utf-8"))


def _own_status(book: RuleBook, jurisdiction_id: str, substance: str, on: date) -> str:
    rule = book.rule_on(jurisdiction_id, substance, on)
    return rule.status if rule is not None else "unknown"


def _shape(key: str, path: str, registry: Registry, statuses: dict[str, str]) -> str:
    division = registry.get(key)
    if division is None:  # drawn for context only: no division, so no page to link to
        return f'<path class="k-u o-u" d="{path}"/>'
    classes = " ".join(f"{SUBSTANCE_CODES[s]}-{STATUS_CODES[statuses[s]]}" for s in SUBSTANCES)
    label = ", ".join(f"{LABELS[s]} {statuses[s]}" for s in SUBSTANCES)
    href = url_for("jurisdiction.page", ocd_id=key)
    return (
        f'<a href="{href}" class="{classes}">'
        f"<title>{escape(division.name)}: {label}</title>"
        f'<path d="{path}"/></a>'
    )


def _render(name: str, label_id: str, registry: Registry, book: RuleBook, on: date) -> StatusMap:
    layer = _geometry()[name]
    counts = {s: Counter() for s in SUBSTANCES}
    shapes = []
    for key, path in layer["shapes"].items():
        statuses = {s: _own_status(book, key, s, on) for s in SUBSTANCES}
        if key in registry:
            for substance, status in statuses.items():
                counts[substance][status] += 1
        shapes.append(_shape(key, path, registry, statuses))
    view_box = " ".join(str(v) for v in layer["view_box"])
    markup = Markup(
        f'<svg class="map" viewBox="{view_box}" role="group" aria-labelledby="{label_id}">'
        + "".join(shapes)
        + "</svg>"
    )
    return StatusMap(name, markup, counts)


def status_map(name: str, registry: Registry, book: RuleBook, on: date) -> StatusMap:
    """The map `us` or `world` as it stands on a day."""
    label_id = f"map-{name}-title"
    return book.remember(("map", name, on), lambda: _render(name, label_id, registry, book, on))
