"""The verdict engine on hand-made rule books: activities along the chain and who decides them,
the headline, scope, dates known only to a window, the next change, upcoming and pending."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jurisdictions.vocabulary import ACTIVITIES, PERMISSIONS, headline
from service.rules.verdict import decide, decide_substance, said
from tests.rulehelp import CHAIN, CITY, CO, ST, US, book, proposal, rule

DAY = date(2026, 11, 25)
SALE_BAN = {"possess": "allowed", "buy": "allowed", "sell": "prohibited", "make": "prohibited"}
KCPA = {"possess": "allowed", "buy": "age_limited", "sell": "conditions", "make": "conditions"}


@pytest.mark.parametrize(
    ("statuses", "expected", "decider"),
    [
        (("legal", "regulated", None), "regulated", ST),
        (("legal", "regulated", "banned"), "banned", CO),
        (("banned", "banned", "banned"), "banned", US),
        (("legal", "unknown", None), "unknown", ST),
        (("legal", "unknown", "banned"), "banned", CO),
        (("legal", None, None), "legal", US),
    ],
)
def test_the_strictest_rule_in_force_decides(statuses, expected, decider):
    rules = [rule(d, s) for d, s in zip(CHAIN, statuses, strict=True) if s]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.status == expected
    assert result.decided_by == decider


def test_no_rule_anywhere_is_unknown_with_no_decider():
    result = decide_substance(CHAIN, book(), "kratom", DAY)
    assert (result.status, result.decided_by, result.rule) == ("unknown", None, None)
    assert {a.permission for a in result.activities.values()} == {"unknown"}


def test_each_activity_names_the_jurisdiction_deciding_it():
    rules = [rule(ST, activities=KCPA, min_age=21), rule(CO, activities=SALE_BAN)]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.status == "banned" and result.decided_by == CO
    assert (result.activities["sell"].permission, result.activities["sell"].decided_by) == (
        "prohibited",
        CO,
    )
    assert (result.activities["possess"].permission, result.activities["buy"].decided_by) == (
        "allowed",
        ST,
    )
    # the age belongs to buying, which stays allowed from 21 under the state's law
    assert result.activities["buy"].min_age == 21 and result.min_age == 21


def test_a_ban_on_buying_leaves_no_minimum_age_beside_it():
    rules = [rule(ST, activities=KCPA, min_age=21), rule(CO, "banned")]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.status == "banned" and result.min_age is None


def test_the_highest_age_decides_an_age_limit():
    rules = [rule(ST, activities=KCPA, min_age=18), rule(CO, activities=KCPA, min_age=21)]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.min_age == 21 and result.activities["buy"].decided_by == CO


def test_a_7oh_limit_that_concentrates_cannot_meet_bans_their_sale():
    seven_oh = dict(KCPA, buy="prohibited", sell="prohibited", make="prohibited")
    rules = [
        rule(ST, activities=KCPA, min_age=21, limits=("alkaloid_share",)),
        rule(ST, activities=seven_oh, limits=("alkaloid_share",), substance="7-oh"),
    ]
    result = decide(CHAIN, book(*rules), DAY)
    assert result.substances["kratom"].status == "regulated"
    assert result.substances["7-oh"].status == "banned"
    assert result.substances["7-oh"].activities["possess"].permission == "allowed"


def test_a_county_rule_for_unincorporated_land_is_skipped_inside_a_city():
    ban = rule(CO, "banned", scope="unincorporated")
    rules = [rule(ST, activities=KCPA, min_age=21), ban]
    inside = decide_substance((US, ST, CO, CITY), book(*rules), "kratom", DAY)
    assert inside.status == "regulated" and inside.certain
    outside = decide_substance(CHAIN, book(*rules), "kratom", DAY, incorporated=False)
    assert outside.status == "banned" and outside.certain
    unknown_side = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert unknown_side.status == "banned" and not unknown_side.certain
    assert unknown_side.possible_statuses == ("banned", "regulated")
    assert "outside its cities" in unknown_side.uncertainty[0]


def test_a_county_rule_for_the_whole_county_applies_inside_its_cities():
    rules = [rule(ST, "legal"), rule(CO, "banned", scope="whole")]
    assert decide_substance((US, ST, CO, CITY), book(*rules), "kratom", DAY).status == "banned"


def test_a_start_known_only_to_the_year_is_uncertain_within_it():
    rules = [rule(ST, "legal"), rule(ST, "banned", start="2019")]
    shelf = book(*rules)
    assert decide_substance(CHAIN, shelf, "kratom", date(2018, 12, 31)).certain
    during = decide_substance(CHAIN, shelf, "kratom", date(2019, 6, 1))
    assert (during.status, during.certain, during.possible_statuses) == (
        "banned",
        False,
        ("banned", "legal"),
    )
    assert "took effect in 2019" in during.uncertainty[0]
    assert decide_substance(CHAIN, shelf, "kratom", date(2019, 12, 31)).certain


def test_a_rule_known_only_to_be_in_force_by_a_day_does_not_answer_for_earlier_days_silently():
    rules = [rule(ST, "legal"), rule(ST, "banned", known_by=date(2022, 3, 1))]
    early = decide_substance(CHAIN, book(*rules), "kratom", date(2019, 1, 1))
    assert not early.certain and set(early.possible_statuses) == {"banned", "legal"}
    assert "in force by 1 March 2022" in early.uncertainty[0]
    later = decide_substance(CHAIN, book(*rules), "kratom", date(2022, 3, 1))
    assert later.certain and later.status == "banned"


def test_the_next_change_is_the_first_day_the_headline_changes():
    rules = [rule(ST, activities=KCPA, min_age=21), rule(ST, "banned", start=date(2027, 1, 1))]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.next_change.day == date(2027, 1, 1)
    assert (result.next_change.status, result.next_change.decided_by) == ("banned", ST)


def test_a_sale_ban_becoming_a_full_ban_is_a_next_change_though_the_status_stays():
    rules = [rule(ST, activities=SALE_BAN), rule(ST, "banned", start=date(2027, 1, 1))]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.status == "banned" and result.activities["possess"].permission == "allowed"
    assert (result.next_change.day, result.next_change.status) == (date(2027, 1, 1), "banned")
    upcoming = decide(CHAIN, book(*rules), DAY).upcoming
    assert [(u.day, u.changes_answer) for u in upcoming] == [(date(2027, 1, 1), True)]


def test_a_next_change_known_only_to_the_month_spans_the_month():
    rules = [rule(ST, "legal"), rule(ST, "banned", start="2027-08")]
    change = decide_substance(CHAIN, book(*rules), "kratom", DAY).next_change
    assert (change.day, change.latest, change.certain) == (
        date(2027, 8, 1),
        date(2027, 8, 31),
        False,
    )
    exact = decide_substance(CHAIN, book(rule(ST, "banned", start=date(2027, 8, 5))), "kratom", DAY)
    assert exact.next_change.day == exact.next_change.latest == date(2027, 8, 5)


def test_a_change_under_a_higher_ban_is_not_the_next_change():
    rules = [
        rule(ST, "banned"),
        rule(CO, "legal"),
        rule(CO, activities=KCPA, min_age=21, start=date(2027, 1, 1)),
    ]
    result = decide(CHAIN, book(*rules), DAY)
    assert result.substances["kratom"].next_change is None
    assert [u.changes_answer for u in result.upcoming] == [False]


def test_rules_apply_only_within_their_dates():
    cutover = date(2026, 7, 1)
    rules = [rule(ST, "regulated", until=cutover), rule(ST, "banned", start=cutover)]
    assert decide_substance(CHAIN, book(*rules), "kratom", date(2026, 6, 30)).status == "regulated"
    assert decide_substance(CHAIN, book(*rules), "kratom", cutover).status == "banned"


def test_substances_are_decided_apart():
    rules = [rule(ST, "legal"), rule(ST, "banned", substance="7-oh")]
    result = decide(CHAIN, book(*rules), DAY)
    assert result.substances["kratom"].status == "legal"
    assert result.substances["7-oh"].status == "banned"
    assert result.own_rules[1]["7-oh"].status == "banned"
    assert result.own_rules[0] == {"kratom": None, "7-oh": None}


def test_upcoming_lists_future_rules_with_the_verdict_they_bring():
    ban_day = date(2027, 1, 1)
    lapse_day = date(2028, 8, 26)
    rules = [
        rule(ST, "regulated", until=ban_day),
        rule(ST, "banned", start=ban_day),
        rule(US, "banned", start=date(2026, 8, 26), until=lapse_day, substance="7-oh",
             derived=False),
    ]  # fmt: skip
    result = decide(CHAIN, book(*rules), DAY)
    assert [(u.day, u.kind, u.division, u.status_after) for u in result.upcoming] == [
        (ban_day, "starts", ST, "banned"),
        (lapse_day, "ends", US, "unknown"),
    ]


def test_pending_includes_live_proposals_only():
    shelf = book(proposals=[proposal(ST, "in_committee"), proposal(ST, "failed")])
    assert [p.stage for _, p in decide(CHAIN, shelf, DAY).pending] == ["in_committee"]


ACTIVITY_SETS = st.fixed_dictionaries({a: st.sampled_from(PERMISSIONS) for a in ACTIVITIES})
LEVEL_RULES = st.lists(st.one_of(st.none(), ACTIVITY_SETS), min_size=3, max_size=3)
STARTS = st.lists(
    st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2030, 12, 31))), min_size=3, max_size=3
)


@settings(max_examples=150, deadline=None)
@given(LEVEL_RULES, STARTS, st.dates(date(2014, 1, 1), date(2031, 12, 31)))
def test_the_headline_never_contradicts_the_activities(levels, starts, on):
    rules = []
    for division, activities, start in zip(CHAIN, levels, starts, strict=True):
        if activities is not None:
            rules.append(rule(division, activities=activities, min_age=21, start=start))
    shelf = book(*rules)
    result = decide_substance(CHAIN, shelf, "kratom", on)
    permissions = {name: verdict.permission for name, verdict in result.activities.items()}
    assert result.status == headline(permissions, bool(result.product_limits))
    if result.next_change is not None:
        later = decide_substance(CHAIN, shelf, "kratom", result.next_change.day)
        assert later.status == result.next_change.status
        assert said(later) != said(result)
