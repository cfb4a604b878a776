"""Running one scraper over recorded responses, for the parse tests."""

from __future__ import annotations

from pathlib import Path

from scrapers import SCRAPERS
from scrapers.replay import ReplayFetcher

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scrapers"
US = "ocd-division/country:us"
KC = "ocd-division/country:us/state:mo/place:kansas_city"
SETTINGS = {
    "LEGISCAN_API_KEY": "test-key-0001",
    "LEGISCAN_MONTHLY_QUERIES": 30_000,
    "OPENSTATES_API_KEY": "test-key-0002",
    "LEGISTAR_CLIENTS": {
        "kansascity": KC,
        "denver": "ocd-division/country:us/state:co/place:denver",
    },
    "LEGISTAR_STATUS_MAP": {},
}


def run(name: str, folder: Path | None = None, memo=None, **settings):
    fetcher = ReplayFetcher(folder or FIXTURES / name)
    return SCRAPERS[name](fetcher, memo=memo, settings={**SETTINGS, **settings}).run()


def scrape(name: str, folder: Path | None = None, **settings):
    return run(name, folder, **settings).observations


def copy_fixtures(name: str, tmp_path: Path, **replace: bytes) -> Path:
    """A private copy of one source's recordings, with some files replaced or added."""
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    for path in (FIXTURES / name).iterdir():
        if path.is_file():
            (folder / path.name).write_bytes(path.read_bytes())
    for file_name, body in replace.items():
        (folder / file_name).write_bytes(body)
    return folder
