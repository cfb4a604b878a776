"""`scrape` and `review` commands, including their answers to bad input."""

from __future__ import annotations

import json

from sqlalchemy import select

from scrapers.federal_register import FederalRegister
from service.db import db
from service.ingest.models import ReviewItem
from service.locks import job_lock
from service.rules.models import Change, Rule
from tests.scrapehelp import FIXTURES
from tests.sitefake import FakeSite, Reply

BR = "ocd-division/country:br"


def invoke(runner, *args):
    return runner.invoke(args=list(args))


def test_scrape_list_shows_every_source(runner):
    result = invoke(runner, "scrape", "list")
    assert result.exit_code == 0, result.output
    for name in ("federal_register", "legiscan", "legistar", "openstates", "wikipedia"):
        assert name in result.output
    assert "statutemap" not in result.output  # no longer read (see scrapers/__init__.py)
    assert "disabled (no LegiScan API key (LEGISCAN_API_KEY))" in result.output
    assert "disabled (no Open States API key (OPENSTATES_API_KEY))" in result.output
    assert "never succeeded" in result.output


def test_scrape_run_all_replays_the_fixtures_with_a_progress_bar(runner):
    result = invoke(runner, "scrape", "run", "--all", "--replay")
    assert result.exit_code == 0, result.output
    assert "Refreshing sources" in result.output
    assert "wikipedia: success (21 observations, 19 agreements, 2 review items" in result.output
    assert "openstates: success (2 observations, 1 agreements" in result.output  # a merged bill
    listed = invoke(runner, "scrape", "list").output
    assert listed.count(" ok") == 3 and listed.count("disabled") == 2  # the keyed sources


def test_scrape_run_one_source_from_a_given_folder(runner):
    result = invoke(runner, "scrape", "run", "wikipedia", "--replay", str(FIXTURES))
    assert result.exit_code == 0 and "wikipedia: success" in result.output


def test_a_disabled_source_run_alone_is_an_error(runner):
    result = invoke(runner, "scrape", "run", "legiscan")
    assert result.exit_code == 1
    assert "legiscan: disabled" in result.output and "LEGISCAN_API_KEY" in result.output


def test_bad_scrape_arguments_are_refused_clearly(runner):
    unknown = invoke(runner, "scrape", "run", "nosuch")
    assert unknown.exit_code == 2 and "no source 'nosuch'" in unknown.output
    neither = invoke(runner, "scrape", "run")
    assert neither.exit_code == 2 and "name one source or give --all" in neither.output
    both = invoke(runner, "scrape", "run", "wikipedia", "--all")
    assert both.exit_code == 2
    missing = invoke(runner, "scrape", "run", "wikipedia", "--replay", "/no/such/dir")
    assert missing.exit_code == 2 and "is not a directory" in missing.output
    record = invoke(runner, "scrape", "record", "nosuch")
    assert record.exit_code == 2


def test_a_source_held_by_another_process_is_skipped(app, runner):
    with app.app_context(), job_lock(db.engine, "scrape:wikipedia", 60, holder="clock-b"):
        result = invoke(runner, "scrape", "run", "wikipedia", "--replay")
    assert result.exit_code == 1 and "skipped, another process is running it" in result.output


def test_review_list_show_accept(app, runner):
    invoke(runner, "scrape", "run", "wikipedia", "--replay")
    listed = invoke(runner, "review", "list")
    assert "wikipedia says legal, curated rule says banned" in listed.output
    with app.app_context():
        item_id = db.session.scalar(select(ReviewItem.id).where(ReviewItem.jurisdiction_id == BR))
    shown = invoke(runner, "review", "show", str(item_id))
    assert (
        shown.exit_code == 0 and "https://en.wikipedia.org/wiki/Mitragyna_speciosa" in shown.output
    )
    accepted = invoke(runner, "review", "accept", str(item_id), "--effective-from", "2026-12-01")
    assert accepted.exit_code == 0, accepted.output
    with app.app_context():
        rule = db.session.scalar(select(Rule).where(Rule.origin == "review"))
        change = db.session.scalar(select(Change).where(Change.kind == "reviewed"))
        item = db.session.get(ReviewItem, item_id)
    assert (rule.jurisdiction_id, rule.status, str(rule.effective_from)) == (
        BR,
        "legal",
        "2026-12-01",
    )
    assert change.material and (change.old_status, change.new_status) == ("banned", "legal")
    assert item.state == "accepted" and item.rule_id == rule.id
    again = invoke(runner, "review", "accept", str(item_id))
    assert again.exit_code == 1 and "already accepted" in again.output


def test_review_reject_needs_a_reason_and_changes_no_rule(app, runner):
    invoke(runner, "scrape", "run", "wikipedia", "--replay")
    with app.app_context():
        item_id = db.session.scalar(select(ReviewItem.id))
        rules = db.session.scalar(select(db.func.count(Rule.id)))
    assert invoke(runner, "review", "reject", str(item_id)).exit_code == 2
    blank = invoke(runner, "review", "reject", str(item_id), "--reason", "  ")
    assert blank.exit_code == 1 and "say why" in blank.output
    done = invoke(
        runner, "review", "reject", str(item_id), "--reason", "Brazil's status is unsettled"
    )
    assert done.exit_code == 0
    with app.app_context():
        item = db.session.get(ReviewItem, item_id)
        assert db.session.scalar(select(db.func.count(Rule.id))) == rules
    assert item.state == "rejected" and item.decision_note == "Brazil's status is unsettled"
    listed = invoke(runner, "review", "list").output
    assert f"#{item_id} " not in listed and "1 open review item" in listed  # New Zealand's


def test_bad_review_input_is_refused_clearly(runner):
    assert "there is no review item 99" in invoke(runner, "review", "show", "99").output
    assert invoke(runner, "review", "show", "abc").exit_code == 2
    assert invoke(runner, "review", "show", "0").exit_code == 2
    accept = invoke(runner, "review", "accept", "99")
    assert accept.exit_code == 1 and "there is no review item 99" in accept.output
    bad_day = invoke(runner, "review", "accept", "1", "--effective-from", "soon")
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output
    assert invoke(runner, "review", "list", "--state", "maybe").exit_code == 2


def test_record_replaces_the_recordings_with_live_responses(app, runner, tmp_path, monkeypatch):
    with FakeSite() as site:
        body = (FIXTURES / "federal_register" / "search-mitragynine-1.json").read_bytes()
        site.routes["/api/v1/documents.json"] = Reply(body=body)
        monkeypatch.setattr(FederalRegister, "base_url", site.url)
        app.config["SCRAPE_DELAY_SECONDS"] = 0
        into = str(tmp_path / "rec")
        result = invoke(runner, "scrape", "record", "federal_register", "--into", into)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "rec").iterdir())
    assert written == [
        "PROVENANCE.md",
        "search-7-hydroxymitragynine-1.json",
        "search-kratom-1.json",
        "search-mitragynine-1.json",
    ]
    assert "Recorded live on" in (tmp_path / "rec" / "PROVENANCE.md").read_text()


def test_record_fails_clearly_without_the_network(runner, monkeypatch, tmp_path):
    monkeypatch.setattr(FederalRegister, "base_url", "http://127.0.0.1:9")
    into = str(tmp_path / "rec")
    result = invoke(runner, "scrape", "record", "federal_register", "--into", into)
    assert result.exit_code == 1 and "nothing recorded" in result.output
    assert not (tmp_path / "rec").exists()


def test_replaying_samples_parses_them_or_fails_cleanly(runner, tmp_path):
    notices = json.loads((FIXTURES / "federal_register" / "search-kratom-1.json").read_text())
    notices["results"] = [d for d in notices["results"] if d["type"] == "Notice"][1:]  # WHO, PRA
    federal = tmp_path / "samples" / "federal_register"
    federal.mkdir(parents=True)
    for term in ("kratom", "mitragynine", "7-hydroxymitragynine"):
        (federal / f"search-{term}-1.json").write_text(json.dumps(notices))
    (tmp_path / "samples" / "legistar").mkdir()
    (tmp_path / "samples" / "wikipedia").mkdir()
    (tmp_path / "samples" / "wikipedia" / "revisions.json").write_text("<html>")
    samples = str(tmp_path / "samples")
    quiet = invoke(runner, "scrape", "run", "federal_register", "--replay", samples)
    assert quiet.exit_code == 0 and "federal_register: success (0 observations" in quiet.output
    cities = invoke(runner, "scrape", "run", "legistar", "--replay", samples)
    assert cities.exit_code == 1 and "every Legistar client failed" in cities.output
    assert "no recorded response" in cities.output
    wiki = invoke(runner, "scrape", "run", "wikipedia", "--replay", samples)
    assert wiki.exit_code == 1 and "invalid JSON" in wiki.output
    assert "Traceback" not in quiet.output + cities.output + wiki.output
