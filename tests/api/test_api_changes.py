"""GET /api/v1/changes, the Atom feeds, and GET /api/v1/jurisdictions/<id>/history."""

from __future__ import annotations

import feedparser
import pytest
from sqlalchemy import func, select

from service.db import db
from service.rules.changes import record_change
from service.rules.models import Change
from tests.changehelp import run_due
from tests.lawset import TETON

KY = TETON  # an invented county with a ban from 2027-01-01 (tests/lawset.py)
OTHERS = ("ocd-division/country:us/state:ky", "ocd-division/country:us/state:oh")


@pytest.fixture
def with_news(app, runner, monkeypatch):
    """Teton County's scheduled ban and lapse recorded by the due job, and two curated edits."""
    result = run_due(runner, monkeypatch, "2028-09-01")
    assert result.exit_code == 0, result.output
    with app.app_context():
        for place in OTHERS:
            record_change(db.session, jurisdiction_id=place, kind="added", material=True,
                          origin="curated", substance="kratom", new_status="banned")  # fmt: skip
        db.session.commit()
    return app


def test_changes_are_news_only_and_newest_first(with_news, client):
    body = client.get("/api/v1/changes").get_json()
    ids = [c["id"] for c in body["changes"]]
    assert ids == sorted(ids, reverse=True) and ids
    kinds = {c["kind"] for c in body["changes"]}
    assert "baseline" not in kinds
    teton = next(
        c for c in body["changes"] if c["jurisdiction"]["id"] == KY and c["kind"] == "in_force"
    )
    assert (teton["old_status"], teton["new_status"]) == ("regulated", "banned")
    assert teton["effective_date"] == "2027-01-01" and teton["sources"]
    assert "Teton County" in teton["headline"]


def test_pages_follow_a_stable_cursor(with_news, client):
    everything = [c["id"] for c in client.get("/api/v1/changes?limit=200").get_json()["changes"]]
    first = client.get("/api/v1/changes?limit=2").get_json()
    assert first["next_cursor"] and first["next"]
    with with_news.app_context():  # a change arriving between pages must not shift them
        db.session.add(Change(jurisdiction_id=KY, kind="added", material=True, origin="curated"))
        db.session.commit()
    second = client.get(first["next"]).get_json()
    assert [c["id"] for c in first["changes"] + second["changes"]] == everything[:4]


def test_filters_by_since_and_by_jurisdiction_with_what_is_inside_it(with_news, client):
    newest = client.get("/api/v1/changes").get_json()["changes"]
    since = client.get(f"/api/v1/changes?since={newest[1]['id']}").get_json()["changes"]
    assert [c["id"] for c in since] == [newest[0]["id"]]
    assert client.get("/api/v1/changes?since=2099-01-01").get_json()["changes"] == []
    us = client.get("/api/v1/changes?jurisdiction=ocd-division/country:us").get_json()["changes"]
    assert KY in {c["jurisdiction"]["id"] for c in us}
    tn = client.get("/api/v1/changes?jurisdiction=ocd-division/country:us/state:tn").get_json()
    assert KY not in {c["jurisdiction"]["id"] for c in tn["changes"]}


@pytest.mark.parametrize(
    "query",
    [
        "since=yesterday",
        "since=2026-02-30",
        "cursor=0",
        "cursor=abc",
        "limit=0",
        "limit=201",
        "jurisdiction=Texas",
        "page=2",
        "cursor=%C2%B2",
        "since=%C2%B2",
    ],
)
def test_bad_change_queries_are_problems(client, query):
    response = client.get(f"/api/v1/changes?{query}")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_the_feeds_are_atom_a_reader_accepts(with_news, client):
    for path in ("/changes.atom", f"/j/{KY}/changes.atom"):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "application/atom+xml"
        feed = feedparser.parse(response.data)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10" and feed.entries
        assert any("Teton County" in entry.title for entry in feed.entries)
    assert client.get("/j/ocd-division/country:us/state:zz/changes.atom").status_code == 404


def test_history_keeps_withdrawn_rules_with_the_change_that_introduced_each(app, client):
    body = client.get(f"/api/v1/jurisdictions/{OTHERS[0]}/history").get_json()
    assert body["id"] == OTHERS[0] and len(body["rules"]) >= 2
    assert all(r["introduced_by"] and r["sources"] for r in body["rules"])
    with app.app_context():
        introduced = db.session.scalar(
            select(func.count(Change.id)).where(Change.kind == "baseline")
        )
    assert introduced > 0
    assert (
        client.get("/api/v1/jurisdictions/ocd-division/country:us/state:zz/history").status_code
        == 404
    )
