"""The plain words the pages use for statuses, dates and changes."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from service.web import wording


@pytest.mark.parametrize(
    ("substance", "status", "expected"),
    [
        ("kratom", "banned", "Kratom is banned in Oceanside, California"),
        ("7-oh", "restricted", "7-OH is restricted in Oceanside, California"),
        ("kratom", "regulated", "Kratom is legal but regulated in Oceanside, California"),
        ("kratom", "legal", "Kratom is legal in Oceanside, California"),
        ("7-oh", "unknown", "7-OH's legal status in Oceanside, California is unknown"),
    ],
)
def test_headlines_say_it_plainly(substance, status, expected):
    assert wording.headline(substance, status, "Oceanside, California") == expected


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2026-07-01", "day", "1 July 2026"),
        (date(2019, 8, 1), "month", "August 2019"),
        ("2014-01-01", "year", "2014"),
        (None, "day", ""),
    ],
)
def test_dates_are_as_precise_as_they_are_known(value, precision, expected):
    assert wording.day(value, precision) == expected


def change(kind, **fields):
    base = {"substance": "kratom", "old_status": None, "new_status": None, "fields": None}
    base |= {"new_values": None, "old_values": None}
    return SimpleNamespace(kind=kind, **(base | fields))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            change("in_force", old_status="regulated", new_status="banned"),
            "Kratom is now banned (was regulated)",
        ),
        (change("added", substance="7-oh", new_status="banned"), "New rule for 7-OH: banned"),
        (
            change("updated", old_status="legal", new_status="regulated"),
            "Kratom rule changed from legal to regulated",
        ),
        (
            change("updated", old_status="banned", new_status="banned", fields=["min_age"]),
            "Kratom rule revised (min_age)",
        ),
        (change("lapsed", old_status="restricted"), "Kratom's restricted rule lapsed"),
        (
            change("proposal_added", substance=None, new_values={"title": "HB 1"}),
            "New proposal: HB 1",
        ),
    ],
)
def test_each_kind_of_change_reads_as_a_sentence(row, expected):
    assert wording.change_sentence(row) == expected


def test_counts_and_coming_changes():
    assert (wording.count(1, "state"), wording.count(3, "country")) == ("1 state", "3 countries")
    event = SimpleNamespace(
        substance="7-oh",
        kind="ends",
        status="restricted",
        status_after="banned",
        jurisdiction=SimpleNamespace(name="United States"),
    )
    assert wording.upcoming_sentence(event) == (
        "United States's restricted rule for 7-OH ends; here 7-OH will then be banned."
    )
