"""What a sign-up asks for, checked the same way for the form and the API: a usable address
and a place (text, a point or a division id) resolved to its chain of jurisdictions."""

from __future__ import annotations

import math
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from jurisdictions import ocd
from jurisdictions.registry import Division
from jurisdictions.resolve.resolution import Ambiguous, Resolution, label_for
from service import context

MAX_ADDRESS = 254
MAX_QUERY = 200


@dataclass(frozen=True)
class Place:
    label: str
    chain: tuple[str, ...]  # division ids, country first
    incorporated: bool | None = None  # inside a city or town (None: not known)

    @property
    def jurisdiction_id(self) -> str:
        return self.chain[-1]


class SignupError(ValueError):
    """Input a sign-up cannot use. `field` names it; `candidates` lists the places an
    ambiguous name may mean; `status` is 400, or 404 for a place that does not exist."""

    def __init__(self, field: str, message: str, status: int = 400, candidates=()):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status
        self.candidates: tuple[Place, ...] = tuple(candidates)


def parse_address(raw) -> str:
    """The address in the form it is stored and compared in (ASCII, lower case)."""
    if not isinstance(raw, str) or not raw.strip():
        raise SignupError("email", "an email address is required")
    if len(raw.strip()) > MAX_ADDRESS:
        raise SignupError("email", f"an email address has at most {MAX_ADDRESS} characters")
    try:
        found = validate_email(raw.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise SignupError("email", f"not a usable email address: {exc}") from None
    return found.ascii_email.lower()


def place_of(chain: tuple[Division, ...] | list[Division], label: str | None = None) -> Place:
    chain = tuple(chain)
    return Place(label or label_for(chain, chain[-1].name), tuple(d.id for d in chain))


def _from_text(text) -> Place:
    if not isinstance(text, str) or not text.strip():
        raise SignupError("q", "type a city, county, state, ZIP code or country")
    text = text.strip()
    if len(text) > MAX_QUERY:
        raise SignupError("q", f"a place has at most {MAX_QUERY} characters")
    found = context.locator().text(text)
    if found is None:
        raise SignupError("q", f"no place matches {text!r}", status=404)
    if isinstance(found, Ambiguous):
        choices = [place_of(c.chain, c.label) for c in found.candidates]
        raise SignupError("q", f"{text!r} names several places; choose one", candidates=choices)
    return _resolved(found)


def _resolved(found: Resolution) -> Place:
    chain = tuple(d.id for d in found.chain)
    return Place(found.label, chain, found.incorporated)


def _from_id(raw) -> Place:
    if not isinstance(raw, str) or not ocd.is_valid(raw):
        raise SignupError("jurisdiction", "not an OCD division id (ocd-division/country:us/...)")
    registry = context.registry()
    if registry.get(raw) is None:
        raise SignupError("jurisdiction", f"no jurisdiction has the id {raw!r}", status=404)
    return place_of(registry.chain(raw))


def _degrees(name: str, raw, limit: float) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise SignupError(name, f"{name} must be a number in degrees") from None
    if isinstance(raw, bool) or not math.isfinite(value) or abs(value) > limit:
        raise SignupError(name, f"{name} must be between {-limit:g} and {limit:g}")
    return value


def _from_point(lat, lon) -> Place:
    lat, lon = _degrees("lat", lat, 90), _degrees("lon", lon, 180)
    found = context.locator().point(lat, lon)
    if found is None:
        raise SignupError("lat", f"no country lies at {lat}, {lon}", status=404)
    return _resolved(found)


def resolve_place(q=None, jurisdiction=None, lat=None, lon=None) -> Place:
    """Exactly one of: `q` (text or ZIP), `jurisdiction` (a division id), `lat` with `lon`."""
    given = [name for name, value in (("q", q), ("jurisdiction", jurisdiction)) if value]
    if lat not in (None, "") or lon not in (None, ""):
        given.append("lat")
    if len(given) != 1:
        raise SignupError("q", "give one place: a place name, a jurisdiction id or a point")
    if given == ["q"]:
        return _from_text(q)
    if given == ["jurisdiction"]:
        return _from_id(jurisdiction)
    return _from_point(lat, lon)
