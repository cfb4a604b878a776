"""What the assembled registry must satisfy before it is written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from jurisdictions import ocd
from jurisdictions.law.reader import LAWS_DIR
from jurisdictions.registry import Division


def law_ids(root: Path = LAWS_DIR) -> set[str]:
    """The ids of the curated law files other than places (places are registered from their
    own list after this build): the build fails if one is missing."""
    ids = set()
    for path in root.rglob("*.yaml"):
        division_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        if "/place:" not in division_id:
            ids.add(division_id)
    return ids


def check(divisions: list[Division], atlas: dict) -> None:
    ids = Counter(d.id for d in divisions)
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate ids: {duplicates}")
    fips = Counter(d.codes.get("fips") for d in divisions)
    for geometry in atlas["objects"]["counties"]["geometries"]:
        if fips[geometry["id"]] != 1:
            raise ValueError(f"{geometry['id']} maps to {fips[geometry['id']]} divisions")
    codes = Counter((key, value.upper()) for d in divisions for key, value in d.codes.items())
    shared = [code for code, n in codes.items() if n > 1]
    if shared:
        raise ValueError(f"codes held by more than one division: {shared}")
    missing = sorted(i for i in law_ids() if i not in ids)
    if missing:
        raise ValueError(f"ids used by law files are missing: {missing}")
    for d in divisions:
        fields = [d.name, *d.aliases, *d.codes.values()]
        if not ocd.is_valid(d.id) or any(";" in f or "=" in f for f in fields):
            raise ValueError(f"bad division {d}")
