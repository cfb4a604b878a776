"""Each source's parser, on its recorded responses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scrapers import SCRAPERS
from scrapers.errors import EmptyScrape, ParseError
from scrapers.replay import ReplayFetcher
from scrapers.snapshot import Snapshot
from scrapers.wikipedia import status_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scrapers"
US = "ocd-division/country:us"
KC = "ocd-division/country:us/state:mo/place:kansas_city"
DENVER = "ocd-division/country:us/state:co/place:denver"
SETTINGS = {
    "LEGISCAN_API_KEY": "test-key",
    "LEGISTAR_CLIENTS": {
        "kansascity": KC,
        "denver": "ocd-division/country:us/state:co/place:denver",
    },
}


def scrape(name: str, folder: Path | None = None):
    fetcher = ReplayFetcher(folder or FIXTURES / name)
    return SCRAPERS[name](fetcher, settings=SETTINGS).run().observations


def by_id(observations):
    return {o.native_id: o for o in observations}


def test_federal_register_rules_and_proposals():
    found = by_id(scrape("federal_register"))
    # 2026-17429 places other compounds (MP, MGM-15, MGM-16) in Schedule I: not a 7-OH rule.
    assert set(found) == {"2026-17409", "2026-13608", "2026-13580"}
    intent = found["2026-13580"]
    assert (intent.kind, intent.stage, intent.identifier) == (
        "proposal",
        "notice_of_intent",
        "FR 2026-13580",
    )
    assert found["2026-13608"].stage == "comment_period"
    assert all(o.jurisdiction_id == US for o in found.values())


def test_legiscan_bills_with_stage_and_last_action():
    found = {o.identifier: o for o in scrape("legiscan")}
    assert set(found) == {"HB5537", "SB299", "SB262", "HF2133", "HB1649"}
    michigan = found["HB5537"]
    assert michigan.jurisdiction_id == f"{US}/state:mi"
    assert michigan.stage == "passed_one_chamber" and michigan.proposed_status == "banned"
    assert michigan.last_action.startswith("Received in Senate")
    assert found["SB299"].stage == "in_committee" and found["SB299"].proposed_status == "regulated"
    assert found["HF2133"].stage == "failed" and found["HB1649"].stage == "enacted"
    assert all("test-key" not in o.source_url for o in found.values())


def test_legistar_matters_of_each_client():
    [matter] = scrape("legistar")
    assert matter.jurisdiction_id == KC and matter.identifier == "251068"
    assert matter.stage == "enacted" and matter.last_action_date == date(2026, 2, 12)
    assert matter.source_url.startswith("https://kansascity.legistar.com/LegislationDetail.aspx")


def test_statutemap_lists_every_state_once():
    found = scrape("statutemap")
    assert len(found) == len({o.jurisdiction_id for o in found}) == 51
    status = {o.jurisdiction_id.rsplit(":", 1)[-1]: o.status for o in found}
    assert (status["al"], status["ky"], status["tn"]) == ("banned", "legal", "restricted")


def test_wikipedia_country_sections():
    found = {o.jurisdiction_id.rsplit(":", 1)[-1]: o for o in scrape("wikipedia")}
    assert found["th"].status == "regulated" and found["au"].status == "banned"
    assert found["de"].status == "legal" and found["gb"].status == "banned"
    assert "us" not in found  # the US is decided by its federal and state sources
    assert found["th"].source_url.endswith("?oldid=1301234567")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Kratom is not controlled in Freedonia.", "legal"),
        ("It is illegal to sell kratom; some say it is legal.", "banned"),
        ("Kratom is regulated and sold only to adults.", "regulated"),
        ("Kratom grows in the south.", None),
    ],
)
def test_wikipedia_status_words(text, status):
    assert status_of(text) == status


def copy_fixtures(name: str, tmp_path: Path, **replace: bytes) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in (FIXTURES / name).iterdir():
        (folder / path.name).write_bytes(replace.get(path.name, path.read_bytes()))
    return folder


def test_a_changed_page_layout_fails_loudly(tmp_path):
    page = (FIXTURES / "statutemap" / "legal-states.html").read_text()
    changed = page.replace("state-card", "state-tile").encode()
    folder = copy_fixtures("statutemap", tmp_path, **{"legal-states.html": changed})
    with pytest.raises(EmptyScrape, match="layout may have changed"):
        scrape("statutemap", folder)


def test_truncated_html_is_refused(tmp_path):
    page = (FIXTURES / "statutemap" / "banned-states.html").read_bytes()
    folder = copy_fixtures("statutemap", tmp_path, **{"banned-states.html": page[:900]})
    with pytest.raises(ParseError, match="truncated"):
        scrape("statutemap", folder)


@pytest.mark.parametrize("name", ["federal_register", "legiscan", "legistar", "wikipedia"])
def test_invalid_json_is_a_parse_error(name, tmp_path):
    first = sorted(p.name for p in (FIXTURES / name).glob("*.json"))[0]
    folder = copy_fixtures(name, tmp_path, **{first: b'{"results": ['})
    with pytest.raises(ParseError, match="invalid JSON"):
        scrape(name, folder)


def test_a_legiscan_refusal_is_reported(tmp_path):
    refusal = b'{"status": "ERROR", "alert": {"message": "Invalid API key"}}'
    folder = copy_fixtures("legiscan", tmp_path, **{"search.json": refusal})
    with pytest.raises(ParseError, match="Invalid API key"):
        scrape("legiscan", folder)


def test_snapshot_json_names_the_request():
    broken = Snapshot("k.json", "https://x.example/", None, 200, "0" * 64, b"<html>")
    with pytest.raises(ParseError, match="k.json: invalid JSON"):
        broken.json()
