"""What every source's parser does with broken answers: refuse them clearly."""

from __future__ import annotations

import pytest

from scrapers.errors import ParseError
from scrapers.snapshot import Snapshot
from tests.scrapers.scrapetools import FIXTURES, copy_fixtures, scrape


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("federal_register", "search-mitragynine-1.json"),
        ("legiscan", "search-1.json"),
        ("openstates", "search-kratom-1.json"),
        ("wikipedia", "revisions.json"),
    ],
)
def test_invalid_json_is_a_parse_error(name, first, tmp_path):
    folder = copy_fixtures(name, tmp_path, **{first: b'{"results": ['})
    with pytest.raises(ParseError, match="invalid JSON"):
        scrape(name, folder)


def test_snapshot_json_names_the_request():
    broken = Snapshot("k.json", "https://x.example/", None, 200, "0" * 64, b"<html>")
    with pytest.raises(ParseError, match="k.json: invalid JSON"):
        broken.json()


def test_lenient_json_takes_raw_control_characters_and_nothing_else():
    raw = Snapshot("k.json", "https://x.example/", None, 200, "0" * 64, b'["a\x0bb\x1fc"]')
    assert raw.json(lenient=True) == ["a\x0bb\x1fc"]
    with pytest.raises(ParseError):
        raw.json()
    with pytest.raises(ParseError):
        Snapshot("k.json", "u", None, 200, "0" * 64, b"[1,]").json(lenient=True)


def test_every_fixture_folder_says_where_its_files_come_from():
    for folder in (p for p in FIXTURES.iterdir() if p.is_dir()):
        provenance = (folder / "PROVENANCE.md").read_text()
        for path in folder.glob("*.json"):
            assert path.name in provenance, f"{folder.name}/{path.name} has no provenance"
