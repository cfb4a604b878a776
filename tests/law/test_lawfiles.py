"""Reading curated law files: the happy path and every way a hand edit can go wrong."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from jurisdictions.law.reader import LawFileError, PartialDate, read_law_file, read_law_files

SOURCE = """\
      - url: https://example.org/statute
        title: The statute
        kind: statute
        retrieved: "2026-11-24"
"""
ACTIVITIES = {
    "banned": "prohibited",
    "legal": "allowed",
    "unknown": "unknown",
    "regulated": (
        "\n      possess: allowed\n      buy: age_limited\n      sell: conditions\n"
        "      make: conditions\n    min_age: 21\n    conditions: [vendors register]"
    ),
}
CHECKED = 'checked:\n  - date: "2026-11-30"\n    searched: the state code\n    found: the act\n'


def rule(substance="kratom", status="banned", start=None, extra="") -> str:
    start_line = f"    effective_from: {start}\n" if start else ""
    activities = ACTIVITIES.get(status, status)
    return (
        f"  - substance: {substance}\n    activities: {activities}\n{start_line}{extra}"
        "    summary: A rule written for the test.\n    confidence: high\n"
        '    last_verified: "2026-11-24"\n    sources:\n' + SOURCE
    )


def write(root, relpath, text):
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def state_file(body: str) -> str:
    return "id: ocd-division/country:us/state:tn\nname: Tennessee\n" + CHECKED + "rules:\n" + body


def test_reads_rules_in_date_order_and_derives_end_dates(tmp_path):
    text = state_file(
        rule(status="regulated", start='"2018"', extra="    date_note: Only the year is known.\n")
        + rule(status="banned", start='"2026-07-01"')
        + rule(status="legal")
    )
    path = write(tmp_path, "country-us/state-tn.yaml", text)
    law = read_law_file(path, tmp_path)
    assert [r.status for r in law.rules] == ["legal", "regulated", "banned"]
    legal, regulated, banned = law.rules
    assert legal.effective_from is None and legal.effective_until == PartialDate(
        date(2018, 1, 1), "year"
    )
    assert regulated.until_derived and regulated.effective_until.day == date(2026, 7, 1)
    assert banned.effective_until is None and not banned.until_derived
    assert regulated.min_age == 21
    assert str(regulated.effective_from) == "2018"


def test_partial_dates_keep_their_precision():
    assert PartialDate.parse(2014) == PartialDate(date(2014, 1, 1), "year")
    assert PartialDate.parse("2019-08") == PartialDate(date(2019, 8, 1), "month")
    assert str(PartialDate.parse("2019-08")) == "2019-08"


NOTE = "    date_note: Only the year is known.\n"
KCPA_7OH = (
    "\n      possess: allowed\n      buy: prohibited\n      sell: conditions\n"
    "      make: prohibited\n    conditions: [lab tested]\n"
    "    product_limits:\n      - kind: alkaloid_share\n        value: 2"
)
LOCAL_SOURCE = SOURCE.replace("kind: statute", "kind: news")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: [unclosed\n", 2, "not valid YAML"),
        ("", 1, "empty"),
        (state_file(rule(status="forbidden")), 9, "activities"),
        (state_file(rule() + "    colour: red\n"), 8, "colour"),
        (state_file(rule(start='"2026-02-30"')), 8, "not a calendar date"),
        (state_file(rule(start='"2020"', extra=NOTE) + rule(start='"2020"', extra=NOTE)), 20,
         "same day"),
        (
            state_file(
                rule(start='"2019"', extra='    effective_until: "2021-01-01"\n' + NOTE)
                + rule(start='"2020"', extra=NOTE)
            ),
            8,
            "must not overlap",
        ),
        (state_file(rule(start='"2020"', extra='    effective_until: "2019-01-01"\n' + NOTE)), 8,
         "after"),
        ("id: ocd-division/country:us/state:tn\nid: again\nname: x\nrules: []\n", 2, "twice"),
        (state_file(rule().replace("    sources:\n" + SOURCE, "    sources: []\n")), 13,
         "sources"),
        (state_file(rule()), 8, "needs effective_from, or in_force_by"),
        (state_file(rule(start='"2020"')), 8, "needs a date_note"),
        (state_file(rule(start='"2020-01-01"', extra='    in_force_by: "2021-01-01"\n')), 8,
         "not both"),
        (state_file(rule(status="unknown")), 8, "needs `conflict`"),
        (state_file(rule(status="regulated", start='"2020-01-01"').replace("min_age: 21", "")),
         8, "min_age exactly"),
        (state_file(rule(substance="7-oh", status=KCPA_7OH, start='"2020-01-01"')), 8,
         "makes selling them prohibited"),
        (state_file(rule(status="legal", extra="    basis: no_specific_law_found\n")), 8,
         "low confidence"),
        (state_file(rule(status="legal", extra="    scope: unincorporated\n")), 8,
         "only a county rule"),
        (state_file(rule(start='"2020-01-01"').replace("kind: statute", "kind: vendor")), 8,
         "high confidence needs a primary source"),
    ],
)  # fmt: skip
def test_broken_files_are_refused_with_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, "country-us/state-tn.yaml", text)
    with pytest.raises(LawFileError) as caught:
        read_law_file(path, tmp_path)
    assert caught.value.path == "country-us/state-tn.yaml"
    assert caught.value.line == line, str(caught.value)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"country-us/state-tn.yaml:{line}: ")


def test_a_local_ban_on_one_site_is_low_confidence(tmp_path):
    text = state_file(rule(start='"2020-01-01"')).replace(
        "id: ocd-division/country:us/state:tn\nname: Tennessee",
        "id: ocd-division/country:us/state:tn/county:davidson\nname: Davidson County",
    )
    path = write(tmp_path, "country-us/state-tn/county-davidson.yaml", text)
    with pytest.raises(LawFileError, match="fewer than two independent sources"):
        read_law_file(path, tmp_path)
    two_sites = text.replace(
        "    sources:\n" + SOURCE,
        "    sources:\n" + SOURCE + LOCAL_SOURCE.replace("example.org", "news.example.com"),
    )
    path.write_text(two_sites)
    assert read_law_file(path, tmp_path).rules[0].status == "banned"


def test_a_7oh_cap_concentrates_cannot_meet_reads_as_a_ban_on_their_sale(tmp_path):
    capped = KCPA_7OH.replace("sell: conditions", "sell: prohibited").replace(
        "    conditions: [lab tested]\n", ""
    )
    text = state_file(rule(substance="7-oh", status=capped, start='"2020-01-01"'))
    law = read_law_file(write(tmp_path, "country-us/state-tn.yaml", text), tmp_path)
    (seven_oh,) = law.rules
    assert seven_oh.status == "banned" and seven_oh.activities["possess"] == "allowed"
    assert seven_oh.product_limits[0].blocking


def test_a_file_must_live_at_the_path_of_its_id(tmp_path):
    path = write(tmp_path, "country-us/state-tx.yaml", state_file(rule(start='"2020-01-01"')))
    with pytest.raises(LawFileError, match="belongs in country-us/state-tn.yaml"):
        read_law_file(path, tmp_path)


def test_reading_a_directory_returns_good_files_and_errors_separately(tmp_path):
    write(tmp_path, "country-us/state-tn.yaml", state_file(rule(start='"2020-01-01"')))
    write(tmp_path, "country-us/state-ky.yaml", "id: ocd-division/country:us/state:ky\n")
    files, errors = read_law_files(tmp_path)
    assert [f.id for f in files] == ["ocd-division/country:us/state:tn"]
    assert len(errors) == 1 and errors[0].path == "country-us/state-ky.yaml"


def test_proposals_are_keyed_by_identifier_and_may_not_repeat(tmp_path):
    proposal = (
        "  - substances: [kratom]\n    identifier: HB1\n    title: A ban bill\n"
        "    stage: introduced\n    summary: A bill that would ban kratom.\n"
        '    confidence: medium\n    last_verified: "2026-11-24"\n    sources:\n' + SOURCE
    )
    text = state_file(rule(start='"2020-01-01"')) + "proposals:\n" + proposal + proposal
    path = write(tmp_path, "country-us/state-tn.yaml", text)
    with pytest.raises(LawFileError, match="both keyed 'HB1'"):
        read_law_file(path, tmp_path)


def test_invalid_utf8_is_reported(tmp_path):
    path = tmp_path / "country-us" / "state-tn.yaml"
    path.parent.mkdir()
    path.write_bytes(b"id: \xff\xfe\n")
    with pytest.raises(LawFileError, match="UTF-8"):
        read_law_file(path, tmp_path)


def test_rule_text_block_is_dedented_yaml():
    # Guard the helper above: the generated YAML must stay a valid block list.
    assert textwrap.dedent(rule()).startswith("- substance")
