"""LegiScan's monthly query budget, kept in the database: never passed, shared, and spent only
on bills that changed."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from scrapers.errors import QuotaExhausted
from scrapers.http import Fetcher, FetchPolicy
from service.db import db, utcnow
from service.ingest.quota import DatabaseBudget, queries_used
from service.ingest.refresh import run_source
from tests.scrapehelp import FIXTURES
from tests.sitefake import FakeSite, Reply

POLICY = FetchPolicy(contact="ops@example.org", timeout=2, retries=0, delay=0)


def test_a_budget_is_never_passed_and_is_shared(app):
    with app.app_context():
        now = utcnow()
        first = DatabaseBudget(db.engine, "legiscan", 3, now)
        second = DatabaseBudget(db.engine, "legiscan", 3, now)
        first.spend()
        second.spend()
        first.spend()
        with pytest.raises(QuotaExhausted, match="monthly budget of 3 queries is used up"):
            second.spend()
        assert queries_used(db.engine, "legiscan", now) == 3
        next_month = DatabaseBudget(db.engine, "legiscan", 3, datetime(2099, 1, 1))
        next_month.spend()


def legiscan_site(site: FakeSite, search: bytes | None = None) -> None:
    def answer(handler):
        query = parse_qs(urlsplit(handler.path).query)
        if query["op"] == ["getSearch"]:
            return Reply(body=search or (FIXTURES / "legiscan" / "search-1.json").read_bytes())
        return Reply(body=(FIXTURES / "legiscan" / f"bill-{query['id'][0]}.json").read_bytes())

    site.routes["/"] = answer


def run(app, site: FakeSite):
    return run_source(app, "legiscan", fetcher=Fetcher(POLICY), base_url=site.url + "/")


def used(app) -> int:
    with app.app_context():
        return queries_used(db.engine, "legiscan", utcnow())


def test_a_run_stops_at_the_budget_and_what_it_spent_still_counts(app_with):
    app = app_with(LEGISCAN_API_KEY="0123456789abcdef", LEGISCAN_MONTHLY_QUERIES=4)
    with FakeSite() as site:
        legiscan_site(site)
        failed = run(app, site)
        asked = len(site.requests)
        again = run(app, site)
    assert failed.outcome == "failed" and "monthly budget of 4 queries is used up" in failed.error
    assert asked == 4 and len(site.requests) == asked  # the second run asked nothing
    assert again.outcome == "failed" and used(app) == 4


def test_bills_whose_change_hash_is_known_cost_nothing(app_with):
    app = app_with(LEGISCAN_API_KEY="0123456789abcdef")
    with FakeSite() as site:
        legiscan_site(site)
        assert run(app, site).outcome == "success"
        first = used(app)
        page = json.loads((FIXTURES / "legiscan" / "search-1.json").read_text())
        page["searchresult"]["0"]["change_hash"] = "f" * 32  # only Michigan's bill changed
        legiscan_site(site, json.dumps(page).encode())
        second = run(app, site)
    assert first == 8  # one search page and seven bills
    assert second.outcome == "success" and used(app) == first + 2
    assert "key=0123456789abcdef" not in (second.error or "")
