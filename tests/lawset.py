"""The law files the tests load: the real curated files plus invented scenario files
(tests/fixtures/scenario_laws/, see its README) for places with no real file."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "jurisdictions" / "laws"
SCENARIOS = Path(__file__).resolve().parent / "fixtures" / "scenario_laws"

TETON = "ocd-division/country:us/state:wy/county:teton"
LARAMIE = "ocd-division/country:us/state:wy/county:laramie"


def copy_laws(target: Path) -> Path:
    shutil.copytree(REAL, target)
    for path in SCENARIOS.rglob("*.yaml"):
        destination = target / path.relative_to(SCENARIOS)
        if destination.exists():
            raise RuntimeError(f"scenario file {path} would replace a real law file")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)
    return target


@cache
def merged_laws() -> Path:
    """One merged copy per test run."""
    return copy_laws(Path(tempfile.mkdtemp(prefix="kratom-laws-")) / "laws")
