"""What the assembled registry must satisfy before it is written."""

from __future__ import annotations

from collections import Counter

from jurisdictions import ocd
from jurisdictions.registry import Division

# Ids the curated law files use; the build fails if one is missing.
REQUIRED_IDS = (
    "ocd-division/country:hk",
    "ocd-division/country:us/state:dc",
    "ocd-division/country:us/state:pr",
    "ocd-division/country:us/state:fl/county:sarasota",
    "ocd-division/country:us/state:ny/county:suffolk",
    *(
        f"ocd-division/country:us/state:ms/county:{name}"
        for name in (
            "alcorn",
            "calhoun",
            "itawamba",
            "lowndes",
            "noxubee",
            "pearl_river",
            "prentiss",
            "tippah",
            "tishomingo",
            "union",
            "rankin",
            "monroe",
            "jones",
        )
    ),
)


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
    missing = [i for i in REQUIRED_IDS if i not in ids]
    if missing:
        raise ValueError(f"ids used by law files are missing: {missing}")
    for d in divisions:
        fields = [d.name, *d.aliases, *d.codes.values()]
        if not ocd.is_valid(d.id) or any(";" in f or "=" in f for f in fields):
            raise ValueError(f"bad division {d}")
