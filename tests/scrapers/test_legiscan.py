"""LegiScan: relevance, classification, every page of results, change hashes, sessions."""

from __future__ import annotations

import json

import pytest

from scrapers.errors import ParseError
from scrapers.snapshot import Memo
from tests.scrapers.scrapetools import FIXTURES, US, copy_fixtures, run, scrape


def test_bills_with_stage_session_and_last_action():
    found = {o.identifier: o for o in scrape("legiscan")}
    assert set(found) == {"HB5537", "SB299", "SB262", "HF2133", "HB1649", "HB5242"}
    michigan = found["HB5537"]
    assert michigan.jurisdiction_id == f"{US}/state:mi" and michigan.session == "2025-2026"
    assert michigan.stage == "passed_one_chamber" and michigan.proposed_status == "banned"
    assert michigan.last_action.startswith("Received in Senate")
    ohio = found["SB299"]
    assert (ohio.stage, ohio.proposed_status, ohio.min_age) == ("in_committee", "regulated", 18)
    assert found["HF2133"].stage == "failed" and found["HB1649"].stage == "enacted"
    assert all("test-key" not in o.source_url for o in found.values())


def test_full_text_hits_that_are_not_about_kratom_are_dropped():
    """A health-insurance bill answers the search too; Illinois' "AN ACT concerning health."
    is kept, as its description is about kratom."""
    found = {o.identifier: o for o in scrape("legiscan")}
    assert "A04120" not in found and found["HB5242"].proposed_status == "regulated"


def page_of(results: dict, page: int, total: int) -> bytes:
    summary = {"page": str(page), "count": 60, "page_current": page, "page_total": total}
    return json.dumps({"status": "OK", "searchresult": {"summary": summary, **results}}).encode()


def test_every_page_of_results_is_read(tmp_path):
    first = json.loads((FIXTURES / "legiscan" / "search-1.json").read_text())["searchresult"]
    results = {k: v for k, v in first.items() if k != "summary"}
    moved = {"0": results.pop("4")}  # Tennessee's bill on a second page
    folder = copy_fixtures(
        "legiscan", tmp_path,
        **{"search-1.json": page_of(results, 1, 2), "search-2.json": page_of(moved, 2, 2)},
    )  # fmt: skip
    assert "HB1649" in {o.identifier for o in scrape("legiscan", folder)}


def test_a_bill_whose_change_hash_is_known_is_not_asked_for_again():
    first = run("legiscan")
    memo = {s.key: Memo(s.content_hash, tag=s.tag, url=s.url) for s in first.snapshots}
    memo["search-1.json"] = Memo("0" * 64, tag="1")  # the search changed, no bill did
    again = run("legiscan", memo=memo)
    fetched = [s.key for s in again.snapshots if not s.unchanged]
    assert fetched == ["search-1.json"] and again.observations == []
    kept = {s.key: s.tag for s in again.snapshots if s.key.startswith("bill-")}
    assert kept["bill-1900101.json"] == "000000000000000000000000001cfe45"


def test_a_refusal_is_reported(tmp_path):
    refusal = b'{"status": "ERROR", "alert": {"message": "Invalid API key"}}'
    folder = copy_fixtures("legiscan", tmp_path, **{"search-1.json": refusal})
    with pytest.raises(ParseError, match="Invalid API key"):
        scrape("legiscan", folder)


def test_a_dataset_record_without_the_api_status_is_read(tmp_path):
    record = json.loads((FIXTURES / "legiscan" / "bill-1900105.json").read_text())
    folder = copy_fixtures("legiscan", tmp_path, **{"bill-1900105.json": json.dumps(
        {"bill": record["bill"]}).encode()})  # fmt: skip
    assert "HB1649" in {o.identifier for o in scrape("legiscan", folder)}
