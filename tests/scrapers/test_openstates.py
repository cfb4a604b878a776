"""Open States API v3: relevance, stage from action classifications, sessions, the key."""

from __future__ import annotations

import pytest

from scrapers.errors import ParseError, SourceDisabled
from scrapers.openstates import OpenStates, division_of, session_of, stage_of
from scrapers.replay import ReplayFetcher
from tests.scrapers.scrapetools import FIXTURES, US, copy_fixtures, scrape


def test_bills_found_once_with_their_stage():
    found = {o.identifier: o for o in scrape("openstates")}
    assert set(found) == {"HB 1649", "S 221"}  # Florida's nursing-education bill is dropped
    tennessee = found["HB 1649"]
    assert (tennessee.jurisdiction_id, tennessee.stage, tennessee.session) == (
        f"{US}/state:tn",
        "enacted",
        "2026",
    )
    assert tennessee.source_url == "https://openstates.org/tn/bills/114/HB1649/"
    assert found["S 221"].proposed_status == "regulated"


def test_the_key_travels_in_a_header_not_the_url():
    class Recorder(ReplayFetcher):
        headers = []

        def get(self, key, url, params=None, memo=None, robots=True, headers=None):
            self.headers.append(headers)
            return super().get(key, url, params, memo, robots)

    fetcher = Recorder(FIXTURES / "openstates")
    result = OpenStates(fetcher, settings={"OPENSTATES_API_KEY": "secret-key-123"}).run()
    assert all(h == {"X-API-KEY": "secret-key-123"} for h in fetcher.headers)
    assert all("secret-key-123" not in s.url for s in result.snapshots)


def test_without_a_key_the_source_is_disabled():
    with pytest.raises(SourceDisabled, match="OPENSTATES_API_KEY"):
        OpenStates(ReplayFetcher(FIXTURES / "openstates"), settings={}).run()


@pytest.mark.parametrize(
    ("actions", "stage"),
    [
        ([], "unknown"),
        ([["introduction"]], "introduced"),
        ([["introduction"], ["referral-committee"]], "in_committee"),
        ([["passage"]], "passed_one_chamber"),
        ([["executive-receipt"]], "awaiting_signature"),
        ([["failure"]], "failed"),
        ([["executive-signature"]], "enacted"),
    ],
)
def test_stage_from_action_classifications(actions, stage):
    bill = {"actions": [{"classification": kinds} for kinds in actions]}
    assert stage_of(bill) == stage


def test_passage_in_both_chambers():
    bill = {
        "actions": [
            {"classification": ["passage"], "organization": {"classification": "lower"}},
            {"classification": ["passage"], "organization": {"classification": "upper"}},
        ]
    }
    assert stage_of(bill) == "passed_legislature"


def test_sessions_and_places():
    assert session_of({"session": "2025-2026"}) == "2025-2026"
    assert session_of({"session": "114", "first_action_date": "2026-01-14"}) == "2026"
    assert session_of({"session": "2025S1", "first_action_date": ""}) is None
    florida = {"id": "ocd-jurisdiction/country:us/state:fl/government", "name": "Florida"}
    assert division_of(florida) == f"{US}/state:fl"
    assert division_of({"id": "ocd-jurisdiction/country:us/state:xx/government"}) is None


def test_an_answer_without_pagination_is_refused(tmp_path):
    folder = copy_fixtures("openstates", tmp_path, **{"search-kratom-1.json": b'{"results": []}'})
    with pytest.raises(ParseError, match="pagination"):
        scrape("openstates", folder)
