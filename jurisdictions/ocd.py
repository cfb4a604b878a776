"""Open Civic Data division ids: validation, structure, slugs and law-file paths."""

from __future__ import annotations

import re
import unicodedata

PREFIX = "ocd-division/"
_ID = re.compile(r"ocd-division/country:[a-z]{2}(?:/[a-z_]+:[a-z0-9_.~-]+)*")
_SEGMENT_FILE = re.compile(r"([a-z_]+)-([a-z0-9_.~-]+)")
_APOSTROPHES = "'\u2019\u2018\u02bb\u02bc`"
_NOT_IN_SLUG = re.compile(r"[^a-z0-9_.~-]")


def is_valid(division_id: str) -> bool:
    return isinstance(division_id, str) and _ID.fullmatch(division_id) is not None


def _require_valid(division_id: str) -> None:
    if not is_valid(division_id):
        raise ValueError(f"not an OCD division id: {division_id!r}")


def segments(division_id: str) -> list[tuple[str, str]]:
    """The (type, value) pairs of an id, country first."""
    _require_valid(division_id)
    parts = division_id[len(PREFIX) :].split("/")
    return [tuple(part.split(":", 1)) for part in parts]


def parent(division_id: str) -> str | None:
    """The enclosing division's id, or None for a country."""
    _require_valid(division_id)
    head, _, _ = division_id.rpartition("/")
    return None if head == "ocd-division" else head


def slug(name: str) -> str:
    """The OCD value for a name: 'St. Mary's' -> 'st._marys', 'Doña Ana' -> 'dona_ana'."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.translate({ord(ch): None for ch in _APOSTROPHES}).lower()
    text = "_".join(text.split())
    return _NOT_IN_SLUG.sub("", text)


def path_for(division_id: str) -> str:
    """Relative law-file path: country-us/state-fl/county-sarasota.yaml."""
    return "/".join(f"{kind}-{value}" for kind, value in segments(division_id)) + ".yaml"


def id_for_path(path: str) -> str:
    """Inverse of path_for."""
    if not path.endswith(".yaml"):
        raise ValueError(f"not a law-file path: {path!r}")
    pairs = []
    for part in path[: -len(".yaml")].split("/"):
        match = _SEGMENT_FILE.fullmatch(part)
        if match is None:
            raise ValueError(f"bad path segment {part!r} in {path!r}")
        pairs.append(f"{match[1]}:{match[2]}")
    division_id = PREFIX + "/".join(pairs)
    _require_valid(division_id)
    return division_id
