"""`scrape` and `review` commands, including their answers to bad input."""

from __future__ import annotations

from sqlalchemy import select

from scrapers.statutemap import StatuteMap
from service.db import db
from service.ingest.models import ReviewItem
from service.locks import job_lock
from service.rules.models import Change, Rule
from tests.scrapehelp import FIXTURES
from tests.sitefake import FakeSite, Reply

TN = "ocd-division/country:us/state:tn"


def invoke(runner, *args):
    return runner.invoke(args=list(args))


def test_scrape_list_shows_every_source(runner):
    result = invoke(runner, "scrape", "list")
    assert result.exit_code == 0, result.output
    for name in ("federal_register", "legiscan", "legistar", "statutemap", "wikipedia"):
        assert name in result.output
    assert "disabled (no LegiScan API key (LEGISCAN_API_KEY))" in result.output
    assert "never succeeded" in result.output


def test_scrape_run_all_replays_the_fixtures_with_a_progress_bar(runner):
    result = invoke(runner, "scrape", "run", "--all", "--replay")
    assert result.exit_code == 0, result.output
    assert "Refreshing sources" in result.output
    assert "statutemap: success (51 observations, 47 agreements, 4 review items" in result.output
    listed = invoke(runner, "scrape", "list").output
    assert listed.count(" ok") == 4 and "disabled" in listed  # legiscan: no key here


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
    invoke(runner, "scrape", "run", "statutemap", "--replay")
    listed = invoke(runner, "review", "list")
    assert "statutemap says restricted, curated rule says banned" in listed.output
    with app.app_context():
        item_id = db.session.scalar(select(ReviewItem.id).where(ReviewItem.jurisdiction_id == TN))
    shown = invoke(runner, "review", "show", str(item_id))
    assert (
        shown.exit_code == 0
        and "https://www.statutemap.com/kratom/restricted-states" in shown.output
    )
    accepted = invoke(runner, "review", "accept", str(item_id), "--effective-from", "2026-12-01")
    assert accepted.exit_code == 0, accepted.output
    with app.app_context():
        rule = db.session.scalar(select(Rule).where(Rule.origin == "review"))
        change = db.session.scalar(select(Change).where(Change.kind == "reviewed"))
        item = db.session.get(ReviewItem, item_id)
    assert (rule.jurisdiction_id, rule.status, str(rule.effective_from)) == (
        TN,
        "restricted",
        "2026-12-01",
    )
    assert change.material and (change.old_status, change.new_status) == ("banned", "restricted")
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
    assert f"#{item_id} " not in listed and "1 open review item" in listed


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
        for status in ("banned", "legal", "restricted"):
            body = (FIXTURES / "statutemap" / f"{status}-states.html").read_bytes()
            site.routes[f"/kratom/{status}-states"] = Reply(body=body)
        monkeypatch.setattr(StatuteMap, "base_url", site.url)
        app.config["SCRAPE_DELAY_SECONDS"] = 0
        result = invoke(runner, "scrape", "record", "statutemap", "--into", str(tmp_path / "rec"))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "rec").iterdir())
    assert written == [
        "README.md",
        "banned-states.html",
        "legal-states.html",
        "restricted-states.html",
    ]
    assert "Recorded live on" in (tmp_path / "rec" / "README.md").read_text()


def test_record_fails_clearly_without_the_network(runner, monkeypatch, tmp_path):
    monkeypatch.setattr(StatuteMap, "base_url", "http://127.0.0.1:9")
    result = invoke(runner, "scrape", "record", "statutemap", "--into", str(tmp_path / "rec"))
    assert result.exit_code == 1 and "nothing recorded" in result.output
    assert not (tmp_path / "rec").exists()
