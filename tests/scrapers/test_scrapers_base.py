"""The parse contract: schema-checked observations, empty runs, unchanged responses, disabling."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers import SCRAPERS
from scrapers.base import Scraper
from scrapers.errors import EmptyScrape, InvalidObservation, SourceDisabled
from scrapers.observation import Observation, validate
from scrapers.replay import ReplayFetcher
from scrapers.snapshot import Memo

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "scrapers"
GOOD = Observation(
    source="wikipedia",
    kind="rule",
    jurisdiction_id="ocd-division/country:th",
    native_id="1301234567:th",
    source_url="https://en.wikipedia.org/wiki/Mitragyna_speciosa?oldid=1301234567",
    retrieved_at=datetime(2026, 11, 25, tzinfo=UTC),
    excerpt="In 2021, Thailand fully legalized kratom.",
    content_hash="0" * 64,
    substance="kratom",
    status="legal",
)


def test_a_complete_observation_is_valid():
    validate(GOOD)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source_url": None}, "source_url"),
        ({"source_url": "not a url"}, "source_url"),
        ({"status": "illegal"}, "status"),
        ({"jurisdiction_id": "Thailand"}, "jurisdiction_id"),
        ({"session": "114th"}, "session"),
        ({"excerpt": ""}, "excerpt"),
        ({"content_hash": "abc"}, "content_hash"),
        ({"kind": "proposal"}, "stage"),
    ],
)
def test_an_observation_missing_what_it_rests_on_cannot_be_stored(change, field):
    with pytest.raises(InvalidObservation, match=field):
        validate(replace(GOOD, **change))


class Nothing(Scraper):
    name = "nothing"
    base_url = "https://example.org"

    def scrape(self):
        self.fetch("search-kratom-1.json", "/")
        return iter(())


def test_a_run_that_finds_nothing_is_an_error():
    with pytest.raises(EmptyScrape, match="found nothing"):
        Nothing(ReplayFetcher(FIXTURES / "federal_register")).run()


def test_emptiness_is_fine_where_the_scraper_says_so():
    class Quiet(Nothing):
        empty_ok = True

    assert Quiet(ReplayFetcher(FIXTURES / "federal_register")).run().observations == []


def test_unchanged_responses_are_not_parsed():
    first = SCRAPERS["wikipedia"](ReplayFetcher(FIXTURES / "wikipedia")).run()
    memo = {s.key: Memo(s.content_hash) for s in first.snapshots}
    again = SCRAPERS["wikipedia"](ReplayFetcher(FIXTURES / "wikipedia"), memo=memo).run()
    assert first.observations and not again.observations and again.unchanged


def test_sources_without_their_key_or_clients_are_disabled():
    needed = (
        ("legiscan", "LEGISCAN_API_KEY"),
        ("legistar", "LEGISTAR_CLIENTS"),
        ("openstates", "OPENSTATES_API_KEY"),
    )
    for name, needs in needed:
        scraper = SCRAPERS[name](ReplayFetcher(FIXTURES / name), settings={})
        with pytest.raises(SourceDisabled, match=needs):
            scraper.run()


def test_scrapers_import_nothing_from_the_service():
    offenders = []
    for path in (ROOT / "scrapers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "service"]
    assert not offenders
