"""Reconciling observations with the rules, source by source, under each trust policy."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from service.db import db, today
from service.ingest.models import Observation, ReviewItem
from service.rules.meta import rules_version
from service.rules.models import Change, Proposal, Rule
from service.rules.rulebook import bill_keys
from tests.scrapehelp import FIXTURES, counts, fixtures_copy, replay, replay_all

US = "ocd-division/country:us"
TN = "ocd-division/country:us/state:tn"
MI = "ocd-division/country:us/state:mi"
BR = "ocd-division/country:br"
JP = "ocd-division/country:jp"


def curated_rules(app) -> dict:
    with app.app_context():
        rows = db.session.scalars(select(Rule).where(Rule.origin == "curated")).all()
        return {r.id: (r.content_hash, r.last_verified, r.retired_at) for r in rows}


def test_a_full_refresh_then_an_unchanged_one_writes_only_run_records(app):
    first = replay_all(app)
    assert {s.outcome for s in first.values()} == {"success"}
    assert first["wikipedia"].agreements == 19 and first["wikipedia"].review_items == 2
    before = counts(app)
    asked = {"legistar": 2, "wikipedia": 2}  # the configured cities; revisions and parse
    recorded = sum(
        asked.get(folder.name) or len(list(folder.glob("*.json")))
        for folder in FIXTURES.iterdir()
        if folder.is_dir()
    )
    assert before["snapshots"] == recorded  # every response once
    second = replay_all(app)
    assert {s.outcome for s in second.values()} == {"unchanged"}
    after = counts(app)
    assert after.pop("scrape_runs") == before.pop("scrape_runs") + 5
    assert after == before


def test_curated_rows_are_never_modified_by_scrapers(app):
    before = curated_rules(app)
    replay_all(app)
    assert curated_rules(app) == before


def test_every_observation_keeps_its_source_date_and_hash(app):
    replay(app, "wikipedia")
    with app.app_context():
        rows = db.session.scalars(select(Observation)).all()
    assert rows and all(r.source_url.startswith("https://en.wikipedia.org/") for r in rows)
    assert all(len(r.content_hash) == 64 and r.retrieved_at and r.excerpt for r in rows)


def test_secondary_agreement_refreshes_last_verified(app, client):
    with app.app_context():
        version = rules_version(db.session)
    replay(app, "wikipedia")
    with app.app_context():
        assert rules_version(db.session) > version
    body = client.get("/api/v1/jurisdictions/" + JP).get_json()
    assert body["rules"]["kratom"]["last_verified"] == today().isoformat()


def test_secondary_disagreement_opens_one_review_item_with_its_reason(app):
    replay(app, "wikipedia")
    replay(app, "wikipedia", force=True)
    with app.app_context():
        items = db.session.scalars(select(ReviewItem)).all()
        changes = db.session.scalars(select(Change).where(Change.origin == "wikipedia")).all()
    assert (BR, "wikipedia says legal, curated rule says banned") in [
        (i.jurisdiction_id, i.reason) for i in items
    ]
    assert len(items) == len({i.jurisdiction_id for i in items})  # one item each, run twice
    assert changes == []


def new_temporary_order() -> bytes:
    """The recorded 7-OH search plus a (made-up) temporary order on 7-OH itself."""
    page = json.loads(
        (FIXTURES / "federal_register" / "search-7-hydroxymitragynine-1.json").read_text()
    )
    page["results"].insert(
        0,
        {
            "document_number": "2027-00001",
            "title": "Schedules of Controlled Substances: Temporary Placement of "
            "7-Hydroxymitragynine in Schedule I",
            "type": "Rule",
            "abstract": "A test order.",
            "action": "Temporary scheduling order.",
            "publication_date": "2027-02-01",
            "effective_on": "2027-03-01",
            "html_url": "https://www.federalregister.gov/documents/2027/02/01/2027-00001/x",
        },
    )
    return json.dumps(page).encode()


def test_an_authoritative_rule_applies_directly_and_is_a_change(app, client, tmp_path):
    folder = fixtures_copy(
        tmp_path,
        "federal_register",
        **{"search-7-hydroxymitragynine-1.json": new_temporary_order()},
    )
    summary = replay(app, "federal_register", folder)
    assert summary.outcome == "success" and summary.changes >= 1
    assert summary.observations == summary.changes  # each new to the rules, none a repeat
    with app.app_context():
        rule = db.session.scalar(select(Rule).where(Rule.origin == "federal_register"))
        change = db.session.scalar(select(Change).where(Change.rule_id == rule.id))
    assert (rule.jurisdiction_id, rule.substance, rule.status) == (US, "7-oh", "banned")
    assert rule.effective_until == date(2029, 3, 1) and rule.sources
    assert (change.kind, change.material, change.old_status, change.new_status) == (
        "observed",
        True,
        "legal",
        "banned",
    )
    body = client.get("/api/v1/verdict", query_string={"jurisdiction": US, "date": "2027-03-01"})
    assert body.get_json()["verdict"]["7-oh"]["status"] == "banned"
    again = replay(app, "federal_register", folder, force=True)
    assert again.changes == 0 and again.agreements >= 2


def test_an_authoritative_source_confirming_the_rule_in_force_changes_nothing(app, tmp_path):
    folder = fixtures_copy(
        tmp_path,
        "federal_register",
        **{"search-7-hydroxymitragynine-1.json": new_temporary_order()},
    )
    replay(app, "federal_register", folder)
    with app.app_context():
        made = db.session.scalars(select(Rule.id).where(Rule.origin == "federal_register")).all()
    again = replay(app, "federal_register", folder, force=True)
    assert again.agreements >= 1 and again.changes == 0  # the order matches the rule it made
    with app.app_context():
        after = db.session.scalars(select(Rule.id).where(Rule.origin == "federal_register")).all()
    assert after == made


def test_scraped_proposals_are_pending_once_per_bill(app, client):
    replay(app, "legiscan")
    replay(app, "federal_register")
    michigan = client.get("/api/v1/verdict", query_string={"jurisdiction": MI}).get_json()
    state = [p for p in michigan["pending"] if p["jurisdiction"]["id"] == MI]
    assert sorted(p["identifier"] for p in state) == ["HB 4969 (2025-26)", "HB 5537 (2026)"]
    federal = client.get("/api/v1/verdict", query_string={"jurisdiction": US}).get_json()
    numbers = [bill_keys(p["identifier"]) for p in federal["pending"]]
    assert {"FR202613580"} in numbers and {"FR202613608"} in numbers
    assert len(numbers) == len({frozenset(n) for n in numbers})  # each document once
    assert {"FR201620803"} not in numbers  # the withdrawn 2016 notice of intent
    with app.app_context():
        twin = db.session.scalar(
            select(Change)
            .join(Proposal)
            .where(Proposal.identifier == "HB5537", Change.origin == "legiscan")
        )
    assert twin.kind == "proposal_added" and not twin.material


def test_a_proposal_that_moves_is_updated_with_a_change(app, tmp_path):
    replay(app, "legiscan")
    bill = json.loads((FIXTURES / "legiscan" / "bill-1900103.json").read_text())
    bill["bill"]["status"] = 2
    bill["bill"]["history"].append(
        {"date": "2026-06-20", "action": "Passed Senate", "chamber": "S"}
    )
    search = (FIXTURES / "legiscan" / "search-1.json").read_bytes()
    search = search.replace(
        b"000000000000000000000000001cfe47", b"00000000000000000000000000new047"
    )
    folder = fixtures_copy(
        tmp_path,
        "legiscan",
        **{"bill-1900103.json": json.dumps(bill).encode(), "search-1.json": search},
    )
    summary = replay(app, "legiscan", folder)
    assert summary.changes == 1
    with app.app_context():
        change = db.session.scalar(select(Change).where(Change.kind == "proposal_updated"))
    assert "stage" in change.fields and change.material
    assert change.new_values["stage"] == "passed_one_chamber"
