"""Federal Register: rules, proposals, withdrawals, corrections and notices that propose no US
status, read from recorded search pages (real document texts, see the fixture PROVENANCE)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from scrapers.federal_register import read, withdrawn_docket
from tests.scrapers.scrapetools import FIXTURES, US, copy_fixtures, scrape


def by_id(observations):
    return {o.native_id: o for o in observations}


def test_rules_and_proposals():
    found = by_id(scrape("federal_register"))
    # 2026-17429 schedules other compounds (MP, MGM-15, MGM-16): no rule on kratom or 7-OH.
    assert set(found) == {"2026-17409", "2026-13608", "2026-13580", "2016-20803"}
    intent = found["2026-13580"]
    assert (intent.kind, intent.stage, intent.identifier) == (
        "proposal",
        "notice_of_intent",
        "FR 2026-13580",
    )
    assert found["2026-13608"].stage == "comment_period"
    assert all(o.jurisdiction_id == US for o in found.values())


def test_a_withdrawn_notice_of_intent_is_withdrawn_not_pending():
    notice = by_id(scrape("federal_register"))["2016-20803"]
    assert notice.stage == "withdrawn" and notice.substances == ("kratom", "7-oh")
    assert notice.last_action_date == date(2016, 10, 13)
    assert notice.last_action.startswith("Withdrawal of Notice of Intent")


def test_the_who_comment_request_and_paperwork_notices_are_not_us_proposals():
    found = by_id(scrape("federal_register"))
    assert not {"2021-15685", "2024-17102", "2016-24659"} & set(found)


@pytest.mark.parametrize(
    ("document", "kind", "stage"),
    [
        # The real 2016 withdrawal: printed under Proposed Rules, its title names the notice.
        ({"title": "Withdrawal of Notice of Intent to Temporarily Place Mitragynine and "
          "7-Hydroxymitragynine Into Schedule I", "type": "Proposed Rule"}, "withdrawal",
         "withdrawn"),
        # The same withdrawal if FR.gov titles it as the scheduling and says so in `action`.
        ({"title": "Schedules of Controlled Substances: Temporary Placement of Mitragynine and "
          "7-Hydroxymitragynine Into Schedule I", "type": "Proposed Rule",
          "action": "Withdrawal of notice of intent."}, "withdrawal", "withdrawn"),
        # A correction whose action also says "notice of intent" (as DEA's 2011-683 does).
        ({"title": "Schedules of Controlled Substances: Temporary Placement of Mitragynine Into "
          "Schedule I; Correction", "type": "Proposed Rule",
          "action": "Notice of Intent; correction."}, "correction", None),
        ({"title": "Schedules of Controlled Substances: Temporary Placement of "
          "7-Hydroxymitragynine in Schedule I", "type": "Rule",
          "correction_of": "2026-17429"}, "correction", None),
        ({"title": "International Drug Scheduling; Convention on Psychotropic Substances; "
          "Kratom (mitragynine, 7-hydroxymitragynine); Request for Comments",
          "type": "Notice", "action": "Notice; request for comments."}, "other", None),
    ],
)  # fmt: skip
def test_classification_order(document, kind, stage):
    reading = read(document)
    assert (reading.kind, reading.stage) == (kind, stage)
    assert reading.status is None or kind in ("rule", "proposal")


def test_withdrawal_dockets():
    assert withdrawn_docket("Docket No. DEA-442W") == "Docket No. DEA-442"
    assert withdrawn_docket("Docket No. DEA-442") == "Docket No. DEA-442"


def test_a_correction_is_no_new_rule_and_is_noted_on_what_it_corrects(tmp_path):
    page = json.loads((FIXTURES / "federal_register" / "search-mitragynine-1.json").read_text())
    page["results"].append(
        {
            "document_number": "2026-18000",
            "title": "Schedules of Controlled Substances: Temporary Placement of "
            "7-Hydroxymitragynine Above a Specified Threshold in Schedule I; Correction",
            "type": "Proposed Rule",
            "abstract": None,
            "action": "Notice of intent; correction.",
            "publication_date": "2026-07-20",
            "effective_on": None,
            "html_url": "https://www.federalregister.gov/d/2026-18000",
            "correction_of": "2026-13580",
            "docket_ids": [],
        }
    )
    folder = copy_fixtures(
        "federal_register", tmp_path, **{"search-mitragynine-1.json": json.dumps(page).encode()}
    )
    found = scrape("federal_register", folder)
    assert "2026-18000" not in {o.native_id for o in found}
    notice = [o for o in found if o.native_id == "2026-13580"]
    assert len(notice) == 1 and "Corrected by FR 2026-18000" in notice[0].excerpt
    assert notice[0].kind == "proposal" and notice[0].stage == "notice_of_intent"


def test_irrelevant_results_alone_are_a_run_with_nothing_to_report(tmp_path):
    page = json.loads((FIXTURES / "federal_register" / "search-kratom-1.json").read_text())
    page["results"] = [d for d in page["results"] if d["document_number"] == "2024-17102"]
    empty = json.dumps({"count": 0, "results": []}).encode()
    folder = copy_fixtures(
        "federal_register", tmp_path,
        **{"search-kratom-1.json": json.dumps(page).encode(),
           "search-mitragynine-1.json": empty, "search-7-hydroxymitragynine-1.json": empty},
    )  # fmt: skip
    assert scrape("federal_register", folder) == []
