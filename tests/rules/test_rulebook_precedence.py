"""When rules of different origins overlap, the rule book picks one the same way every time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from service.rules.rulebook import RuleBook, bill_keys
from service.rules.views import RuleView
from tests.rulehelp import US as US_DIVISION
from tests.rulehelp import rule

US = "ocd-division/country:us"


def view(rule_id, status, start, origin="curated", until=None) -> RuleView:
    made = rule(US_DIVISION, status, start=start, until=until, substance="7-oh", derived=False)
    return replace(made, id=rule_id, origin=origin)


def book(*views: RuleView) -> RuleBook:
    return RuleBook(1, {US: {"7-oh": tuple(views)}}, {})


def test_the_rule_that_started_last_wins():
    curated = view(1, "legal", None)
    scraped = view(2, "banned", date(2027, 3, 1), origin="federal_register")
    rules = book(curated, scraped)
    assert rules.rule_on(US, "7-oh", date(2027, 2, 28)).id == 1
    assert rules.rule_on(US, "7-oh", date(2027, 3, 1)).id == 2


def test_on_the_same_start_the_source_beats_the_curated_file():
    curated = view(1, "restricted", date(2026, 8, 26))
    scraped = view(2, "banned", date(2026, 8, 26), origin="federal_register")
    for order in ((curated, scraped), (scraped, curated)):
        assert book(*order).rule_on(US, "7-oh", date(2026, 9, 1)).id == 2


def test_a_later_curated_rule_still_beats_an_earlier_scraped_one():
    scraped = view(1, "banned", date(2026, 1, 1), origin="review")
    curated = view(2, "regulated", date(2026, 6, 1))
    assert book(scraped, curated).rule_on(US, "7-oh", date(2026, 7, 1)).id == 2


def test_an_ended_rule_gives_way_to_the_one_still_in_force():
    order = view(1, "banned", date(2026, 8, 26), until=date(2028, 8, 26))
    curated = view(2, "legal", None)
    assert book(order, curated).rule_on(US, "7-oh", date(2028, 8, 26)).id == 2


@pytest.mark.parametrize(
    ("identifier", "keys"),
    [
        ("HB 5537", {"HB5537"}),
        ("H.B.5537", {"HB5537"}),
        ("HB5537", {"HB5537"}),
        ("SB299 / HB587", {"SB299", "HB587"}),
        ("FR 2026-13580", {"FR202613580"}),
        ("HB 5537 (2026)", {"HB5537"}),
        ("HB 4969 (2025-26)", {"HB4969"}),
        (None, set()),
    ],
)
def test_bill_numbers_are_normalised(identifier, keys):
    assert bill_keys(identifier) == keys
