"""The status maps: inline SVG from jurisdictions/data/geo/maps.json (built by
jurisdictions.build.build_maps), each shape a link coloured by its jurisdiction's own rules,
with marks for what lies inside it (`map_marks`): a ring on every county or city with a ban of
its own (on the world map, one ring per country with bans in its regions), and a triangle where
a jurisdiction's own status changes within 90 days.

Each shape and mark carries classes for both substances (`k-b o-l`: kratom banned, 7-OH legal;
`k`/`o` on a mark), so the stylesheet shows one or the other and the switch needs no second
copy of the map. Markup is memoised per rule snapshot and day.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from flask import url_for
from markupsafe import Markup, escape

from jurisdictions.geo import DATA_DIR
from jurisdictions.registry import Registry
from jurisdictions.vocabulary import STATUSES, SUBSTANCES
from service.rules.rulebook import RuleBook

from . import map_marks
from .map_marks import US, Coming, LocalBan
from .wording import count

MAPS_PATH = DATA_DIR / "maps.json"
SUBSTANCE_CODES = {"kratom": "k", "7-oh": "o"}
LABELS = {"kratom": "kratom", "7-oh": "7-OH"}
STATUS_CODES = {"banned": "b", "restricted": "r", "regulated": "g", "legal": "l", "unknown": "u"}
LEGEND_ORDER = (*(s for s in STATUSES if s != "unknown"), "unknown")
KIND_NOUNS = {"district": "federal district", "territory": "territory"}


@dataclass(frozen=True)
class StatusMap:
    name: str
    markup: Markup
    # substance -> status -> noun ("state", "territory", "country") -> how many shapes
    counts: dict[str, dict[str, Counter]]


@dataclass(frozen=True)
class Marks:
    bans: list[LocalBan]
    coming: list[Coming]


@cache
def _geometry() -> dict:
    return json.loads(MAPS_PATH.read_text(encoding="utf-8"))


def marks_on(registry: Registry, book: RuleBook, on: date) -> Marks:
    return book.remember(
        ("map-marks", on),
        lambda: Marks(
            map_marks.local_bans(registry, book, on), map_marks.coming_changes(registry, book, on)
        ),
    )


def _own_status(book: RuleBook, jurisdiction_id: str, substance: str, on: date) -> str:
    rule = book.rule_on(jurisdiction_id, substance, on)
    return rule.status if rule is not None else "unknown"


def _area(name: str, jurisdiction_id: str) -> str:
    """The shape of a map that holds a jurisdiction."""
    if name == "us":
        return map_marks.state_of(jurisdiction_id)
    return map_marks.country_of(jurisdiction_id)


def _classes(substances) -> str:
    return " ".join(SUBSTANCE_CODES[s] for s in substances)


def _inside_words(inside: Counter) -> str:
    said = [f"{LABELS[s]} {inside[s]}" for s in SUBSTANCES if inside[s]]
    return f"; own bans inside: {', '.join(said)}" if said else ""


def _shape(key: str, path: str, registry: Registry, statuses: dict, inside: Counter) -> str:
    division = registry.get(key)
    if division is None:  # drawn for context only: no division, so no page to link to
        return f'<path class="k-u o-u" d="{path}"/>'
    classes = " ".join(f"{SUBSTANCE_CODES[s]}-{STATUS_CODES[statuses[s]]}" for s in SUBSTANCES)
    label = ", ".join(f"{LABELS[s]} {statuses[s]}" for s in SUBSTANCES) + _inside_words(inside)
    href = url_for("jurisdiction.page", ocd_id=key)
    return (
        f'<a href="{href}" class="{classes}">'
        f"<title>{escape(division.name)}: {label}</title>"
        f'<path d="{path}"/></a>'
    )


def _ring(title: str, point, classes: str) -> str:
    """A mark, not a link: the shape under it links to the page listing its local law."""
    x, y = point
    mark = f'<circle class="lb {classes}" cx="{x}" cy="{y}" r="4">'
    return mark + f"<title>{escape(title)}</title></circle>"


def _ban_rings(name: str, layer: dict, registry: Registry, bans: list[LocalBan]) -> list[str]:
    if name == "us":
        return [
            _ring(
                f"{ban.division.name}: own ban"
                + (" outside its towns" if ban.scoped else "")
                + f" ({', '.join(LABELS[s] for s in ban.substances)})",
                layer["marks"][ban.division.id],
                _classes(ban.substances) + (" s" if ban.scoped else ""),
            )
            for ban in bans
            if ban.division.id.startswith(US + "/") and ban.division.id in layer["marks"]
        ]
    by_country = defaultdict(set)
    for ban in bans:
        by_country[map_marks.country_of(ban.division.id)].update(ban.substances)
    return [
        _ring(
            f"{registry.get(country).name}: bans in some of its regions",
            layer["centres"][country],
            _classes(s for s in SUBSTANCES if s in substances),
        )
        for country, substances in sorted(by_country.items())
        if country in layer["centres"] and country in registry
    ]


def _triangles(name: str, layer: dict, coming: list[Coming]) -> list[str]:
    drawn, marks = {}, []
    for change in coming:
        jurisdiction_id = change.division.id
        local = name == "us" and jurisdiction_id in layer.get("marks", {})
        key = jurisdiction_id if local else _area(name, jurisdiction_id)
        point = layer["marks"][key] if local else layer["centres"].get(key)
        if point is None or (name == "us" and not jurisdiction_id.startswith(US)):
            continue
        status, place = change.after or "no rule", change.division.name
        when = change.when if change.precision == "by" else "from " + change.when
        words = f"{place}: {LABELS[change.substance]} {status} {when}"
        drawn.setdefault((key, tuple(point)), []).append((change, words))
    for (_key, (x, y)), items in drawn.items():
        classes = _classes(dict.fromkeys(c.substance for c, _ in items))
        title = "; ".join(text for _, text in items)
        marks.append(
            f'<path class="sc {classes}" d="M{x + 6} {y - 13}l6 11h-12z">'
            f"<title>{escape(title)}</title></path>"
        )
    return marks


def _render(name: str, label_id: str, registry: Registry, book: RuleBook, on: date) -> StatusMap:
    layer = _geometry()[name]
    marks = marks_on(registry, book, on)
    inside = defaultdict(Counter)
    for ban in marks.bans:
        for substance in ban.substances:
            inside[_area(name, ban.division.id)][substance] += 1
    counts = {s: defaultdict(Counter) for s in SUBSTANCES}
    shapes = []
    for key, path in layer["shapes"].items():
        statuses = {s: _own_status(book, key, s, on) for s in SUBSTANCES}
        division = registry.get(key)
        if division is not None:
            noun = KIND_NOUNS.get(division.kind, "state") if name == "us" else "country"
            for substance, status in statuses.items():
                counts[substance][status][noun] += 1
        shapes.append(_shape(key, path, registry, statuses, inside[key]))
    rings = _ban_rings(name, layer, registry, marks.bans)
    view_box = " ".join(str(v) for v in layer["view_box"])
    markup = Markup(
        f'<svg class="map" viewBox="{view_box}" role="group" aria-labelledby="{label_id}">'
        + "".join(shapes + rings + _triangles(name, layer, marks.coming))
        + "</svg>"
    )
    return StatusMap(name, markup, counts)


def status_map(name: str, registry: Registry, book: RuleBook, on: date) -> StatusMap:
    """The map `us` or `world` as it stands on a day."""
    label_id = f"map-{name}-title"
    return book.remember(("map", name, on), lambda: _render(name, label_id, registry, book, on))


def legend(maps: list[StatusMap], substance: str) -> list[tuple[str, str]]:
    """(status, "3 states, 1 territory, 12 countries") in the legend's order."""
    rows = []
    for status in LEGEND_ORDER:
        parts = [
            count(number, noun)
            for status_map in maps
            for noun, number in sorted(status_map.counts[substance][status].items())
            if number
        ]
        rows.append((status, ", ".join(parts) or "none"))
    return rows
