"""A bill reported by LegiScan and by Open States is one proposal with two sources."""

from __future__ import annotations

import json

from sqlalchemy import select

from service.db import db
from service.ingest.models import ProposalClaim
from service.ingest.pending import number_keys, session_years
from service.rules.models import Change, Proposal
from tests.scrapehelp import FIXTURES, fixtures_copy, replay

TN = "ocd-division/country:us/state:tn"


def tennessee_bills(app) -> list[Proposal]:
    with app.app_context():
        rows = db.session.scalars(
            select(Proposal).where(Proposal.jurisdiction_id == TN, Proposal.origin != "curated")
        ).all()
        for row in rows:
            _ = [link.source.url for link in row.sources]
        return rows


def test_one_bill_two_trackers_one_proposal_with_two_sources(app, client):
    replay(app, "legiscan")
    replay(app, "openstates")
    [bill] = tennessee_bills(app)
    assert bill.identifier == "HB1649" and bill.stage == "enacted"
    assert [link.source.url for link in bill.sources] == [
        "https://wapp.capitol.tn.gov/apps/BillInfo/Default?BillNumber=HB1649&ga=114",
        "https://openstates.org/tn/bills/114/HB1649/",
    ]
    with app.app_context():
        claims = db.session.scalars(select(ProposalClaim).where(
            ProposalClaim.proposal_id == bill.id)).all()  # fmt: skip
        added = db.session.scalars(select(Change).where(Change.proposal_id == bill.id)).all()
    assert sorted(c.source for c in claims) == ["legiscan", "openstates"]
    assert [c.kind for c in added] == ["proposal_added"]


def test_the_order_the_trackers_run_in_does_not_matter(app):
    replay(app, "openstates")
    replay(app, "legiscan")
    [bill] = tennessee_bills(app)
    assert len(bill.sources) == 2


def test_the_tracker_with_the_latest_action_is_shown(app, tmp_path):
    replay(app, "legiscan")
    page = json.loads((FIXTURES / "openstates" / "search-kratom-1.json").read_text())
    tennessee = page["results"][0]
    tennessee["latest_action_date"] = "2026-05-01"
    tennessee["latest_action_description"] = "Effective date(s) 07/01/2026"
    folder = fixtures_copy(tmp_path, "openstates",
                           **{"search-kratom-1.json": json.dumps(page).encode()})  # fmt: skip
    summary = replay(app, "openstates", folder)
    assert summary.changes == 2  # Tennessee's bill moved, South Carolina's is new
    [bill] = tennessee_bills(app)
    assert bill.last_action == "Effective date(s) 07/01/2026" and bill.origin == "openstates"
    assert bill.proposed_status == "banned"  # content from the tracker that reported it first


def test_bill_numbers_and_sessions_match_however_written():
    assert number_keys("SB0433") == number_keys("SB 433") == {"SB433"}
    assert number_keys("H.B. 1649") == {"HB1649"}
    assert session_years("2025-2026") & session_years("2026")
    assert not session_years("2023-2024") & session_years("2026")
