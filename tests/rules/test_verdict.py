"""The verdict engine on hand-made rule books: ranking, who decides, ages, upcoming, pending."""

from __future__ import annotations

from datetime import date

import pytest

from jurisdictions.registry import Division
from service.rules.rulebook import ProposalView, RuleBook, RuleView, SourceView
from service.rules.verdict import decide, decide_substance

US = Division("ocd-division/country:us", "United States", "country", "country", None)
ST = Division("ocd-division/country:us/state:xx", "State", "state", "state", US.id)
CO = Division("ocd-division/country:us/state:xx/county:yy", "Y County", "county", "county", ST.id)
CHAIN = (US, ST, CO)
SOURCE = (SourceView("https://example.org/law", "A law", date(2026, 11, 24)),)
_ids = iter(range(1, 10_000))


def rule(where, status, start=None, until=None, substance="kratom", min_age=None, derived=True):
    return RuleView(
        id=next(_ids),
        jurisdiction_id=where.id,
        substance=substance,
        status=status,
        min_age=min_age,
        covers=(),
        effective_from=start,
        effective_from_precision="day" if start else None,
        effective_until=until,
        effective_until_precision="day" if until else None,
        until_derived=derived and until is not None,
        date_note=None,
        citation=None,
        summary=f"{where.name} {status}",
        confidence="high",
        last_verified=date(2026, 11, 24),
        sources=SOURCE,
    )


def book(*rules, proposals=()):
    table: dict = {}
    for r in rules:
        table.setdefault(r.jurisdiction_id, {}).setdefault(r.substance, []).append(r)
    timelines = {
        j: {
            s: tuple(sorted(v, key=lambda r: r.effective_from or date.min)) for s, v in subs.items()
        }
        for j, subs in table.items()
    }
    grouped: dict = {}
    for p in proposals:
        grouped.setdefault(p.jurisdiction_id, []).append(p)
    return RuleBook(1, timelines, {j: tuple(v) for j, v in grouped.items()})


DAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("statuses", "expected", "decider"),
    [
        (("legal", "regulated", None), "regulated", ST),
        (("legal", "regulated", "banned"), "banned", CO),
        (("banned", "banned", "banned"), "banned", US),
        (("legal", "restricted", "regulated"), "restricted", ST),
        (("legal", "unknown", None), "unknown", ST),
        (("legal", "unknown", "banned"), "banned", CO),
        (("legal", None, None), "legal", US),
    ],
)
def test_the_most_restrictive_rule_in_force_decides(statuses, expected, decider):
    rules = [rule(d, s) for d, s in zip(CHAIN, statuses, strict=True) if s]
    result = decide_substance(CHAIN, book(*rules), "kratom", DAY)
    assert result.status == expected
    assert result.decided_by == decider


def test_no_rule_anywhere_is_unknown_with_no_decider():
    result = decide_substance(CHAIN, book(), "kratom", DAY)
    assert (result.status, result.decided_by, result.rule) == ("unknown", None, None)


def test_the_highest_minimum_age_in_the_chain_applies():
    rules = [rule(ST, "regulated", min_age=18), rule(CO, "restricted", min_age=21)]
    assert decide_substance(CHAIN, book(*rules), "kratom", DAY).min_age == 21
    rules = [rule(ST, "regulated", min_age=21), rule(CO, "restricted", min_age=18)]
    assert decide_substance(CHAIN, book(*rules), "kratom", DAY).min_age == 21


def test_rules_apply_only_within_their_dates():
    cutover = date(2026, 7, 1)
    rules = [
        rule(ST, "regulated", until=cutover),
        rule(ST, "banned", start=cutover),
    ]
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
        rule(
            US,
            "restricted",
            start=date(2026, 8, 26),
            until=lapse_day,
            substance="7-oh",
            derived=False,
        ),
    ]
    result = decide(CHAIN, book(*rules), DAY)
    assert [(u.day, u.kind, u.division, u.status_after) for u in result.upcoming] == [
        (ban_day, "starts", ST, "banned"),
        (lapse_day, "ends", US, "unknown"),
    ]


def test_pending_includes_live_proposals_only():
    def proposal(stage):
        return ProposalView(
            id=next(_ids),
            jurisdiction_id=ST.id,
            substances=("kratom",),
            identifier=stage,
            title="A bill",
            stage=stage,
            proposed_status="banned",
            min_age=None,
            last_action=None,
            last_action_date=None,
            last_action_precision=None,
            url=None,
            summary="A bill.",
            confidence="low",
            last_verified=DAY,
            sources=SOURCE,
        )

    result = decide(CHAIN, book(proposals=[proposal("in_committee"), proposal("failed")]), DAY)
    assert [p.stage for _, p in result.pending] == ["in_committee"]
