"""`flask --app service init`: idempotent loading, changes on edits, broken files kept out."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from service.db import db
from service.rules.models import Change, Jurisdiction, Rule
from tests.conftest import make_app
from tests.lawset import TETON

TN_FILE = "country-us/state-wy/county-teton.yaml"  # an invented scenario file (tests/lawset.py)
TN = TETON
BAN = '    activities: prohibited\n    scope: whole\n    effective_from: "2027-01-01"'
DAY = "2027-02-01"
# Making it stays an offence, selling and buying become lawful: a restriction, not a ban.
SALE_BAN = (
    "activities:\n      possess: allowed\n      buy: allowed\n      sell: allowed\n"
    "      make: prohibited"
)


@pytest.fixture
def fresh_app(empty_database_url, laws_copy, tmp_path):
    app = make_app(empty_database_url, tmp_path / "instance", LAWS_DIR=str(laws_copy))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def init(app, *args):
    result = app.test_cli_runner().invoke(args=["init", *args])
    return result


def counts(output: str, entity: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith(entity + ":"))
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", line)}


def active_rules(app, jurisdiction_id):
    with app.app_context():
        rows = db.session.scalars(
            select(Rule).where(Rule.jurisdiction_id == jurisdiction_id, Rule.retired_at.is_(None))
        ).all()
        return sorted((r.substance, str(r.effective_from), r.status, r.min_age) for r in rows)


def changes(app, **where):
    with app.app_context():
        query = select(Change).filter_by(**where).order_by(Change.id)
        return db.session.scalars(query).all()


def test_first_init_loads_everything_and_second_changes_nothing(fresh_app):
    first = init(fresh_app)
    assert first.exit_code == 0, first.output
    loaded = counts(first.output, "rules")
    assert loaded["inserted"] > 250 and loaded["updated"] == 0
    assert counts(first.output, "jurisdictions")["inserted"] > 3000
    baseline = changes(fresh_app)
    assert baseline and all(c.kind == "baseline" and not c.material for c in baseline)

    second = init(fresh_app)
    assert second.exit_code == 0, second.output
    assert counts(second.output, "rules") == {
        "inserted": 0,
        "updated": 0,
        "unchanged": loaded["inserted"],
    }
    assert counts(second.output, "jurisdictions")["inserted"] == 0
    assert "changes recorded: 0" in second.output
    with fresh_app.app_context():
        assert db.session.scalar(select(func.count(Jurisdiction.id))) > 3000


def test_editing_a_rule_records_one_change(fresh_app, laws_copy):
    init(fresh_app)
    path = laws_copy / TN_FILE
    text = path.read_text()
    assert BAN in text
    path.write_text(text.replace(BAN, BAN.replace("activities: prohibited", SALE_BAN), 1))
    result = init(fresh_app)
    assert result.exit_code == 0, result.output
    assert counts(result.output, "rules")["updated"] == 1
    [change] = changes(fresh_app, kind="updated")
    assert change.jurisdiction_id == TN and change.material
    assert (change.old_status, change.new_status) == ("banned", "restricted")
    assert {"status", "activities"} <= set(change.fields)


def test_adding_a_rule_records_it_as_material_news(fresh_app, laws_copy):
    init(fresh_app)
    path = laws_copy / TN_FILE
    text = path.read_text()
    head, rules_marker, tail = text.partition("rules:\n")
    new_rule = (
        '  - substance: kratom\n    activities: allowed\n    effective_from: "2030-01-01"\n'
        "    summary: A hypothetical repeal used by the test suite.\n    confidence: low\n"
        '    last_verified: "2026-11-24"\n    sources:\n'
        "      - url: https://example.org/repeal\n        title: Repeal\n"
        '        kind: ordinance\n        retrieved: "2026-11-24"\n'
    )
    path.write_text(head + rules_marker + new_rule + tail)
    result = init(fresh_app)
    assert counts(result.output, "rules")["inserted"] == 1
    [added] = changes(fresh_app, kind="added")
    assert added.material and added.new_status == "legal" and added.old_status == "banned"


def test_a_broken_file_is_reported_and_its_previous_rules_kept(fresh_app, laws_copy):
    init(fresh_app)
    before = active_rules(fresh_app, TN)
    path = laws_copy / TN_FILE
    lines = path.read_text().splitlines()
    bad_line = next(i for i, line in enumerate(lines) if "activities: prohibited" in line)
    lines[bad_line] = lines[bad_line].replace("prohibited", "outlawed")
    path.write_text("\n".join(lines) + "\n")
    other = laws_copy / "country-us/state-wy/county-laramie.yaml"
    other.write_text(other.read_text().replace("activities: prohibited", SALE_BAN, 1))

    result = init(fresh_app)
    assert result.exit_code == 1
    assert f"{TN_FILE}:{bad_line + 1}:" in result.output
    assert active_rules(fresh_app, TN) == before
    assert counts(result.output, "rules")["updated"] == 1  # the good edit still landed


def test_a_file_that_is_not_yaml_at_all_is_reported(fresh_app, laws_copy):
    init(fresh_app)
    before = active_rules(fresh_app, TN)
    (laws_copy / TN_FILE).write_text("rules: [\n  {activities: prohibited\n")
    result = init(fresh_app)
    assert result.exit_code == 1 and f"{TN_FILE}:" in result.output
    assert active_rules(fresh_app, TN) == before


def test_a_deleted_file_retires_rules_only_with_prune(fresh_app, laws_copy):
    init(fresh_app)
    (laws_copy / TN_FILE).unlink()
    kept = init(fresh_app)
    assert kept.exit_code == 0
    assert TN in kept.output and "--prune" in kept.output
    assert active_rules(fresh_app, TN)

    pruned = init(fresh_app, "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert active_rules(fresh_app, TN) == []
    assert changes(fresh_app, kind="removed", jurisdiction_id=TN)
    client = fresh_app.test_client()
    body = client.get("/api/v1/verdict", query_string={"jurisdiction": TN, "date": DAY}).get_json()
    assert body["jurisdictions"][2]["rules"]["kratom"] is None


def test_an_empty_laws_directory_changes_nothing(fresh_app, laws_copy, tmp_path):
    init(fresh_app)
    before = active_rules(fresh_app, TN)
    empty = tmp_path / "empty"
    empty.mkdir()
    fresh_app.config["LAWS_DIR"] = empty
    result = init(fresh_app)
    assert result.exit_code == 1 and "no readable law files" in result.output
    assert active_rules(fresh_app, TN) == before


def test_the_api_sees_edits_without_a_restart(fresh_app, laws_copy):
    init(fresh_app)
    client = fresh_app.test_client()
    query = {"jurisdiction": TN, "date": DAY}
    assert (
        client.get("/api/v1/verdict", query_string=query).get_json()["verdict"]["kratom"]["status"]
        == "banned"
    )
    path = laws_copy / TN_FILE
    path.write_text(path.read_text().replace(BAN, BAN.replace("activities: prohibited", SALE_BAN)))
    init(fresh_app)
    # The county now prohibits only making it; the state's consumer-protection law decides.
    assert (
        client.get("/api/v1/verdict", query_string=query).get_json()["verdict"]["kratom"]["status"]
        == "regulated"
    )
