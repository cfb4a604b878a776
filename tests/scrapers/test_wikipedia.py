"""Wikipedia: the real Regulation section's text, in both heading markups."""

from __future__ import annotations

import pytest

from scrapers.errors import EmptyScrape
from scrapers.wiki_statements import countries_in, latest, statements, status_of
from tests.scrapers.scrapetools import FIXTURES, copy_fixtures, scrape

TH = "ocd-division/country:th"


def statuses(observations) -> dict[str, str]:
    return {o.jurisdiction_id.rsplit(":", 1)[-1]: o.status for o in observations}


def test_countries_under_region_headings_are_read():
    found = statuses(scrape("wikipedia"))
    europe = {"dk", "lv", "lt", "pl", "ro", "se", "bg", "no", "fi", "ie", "gb"}
    assert {found[c] for c in europe} == {"banned"} and found["cz"] == "regulated"
    assert (found["au"], found["nz"]) == ("banned", "regulated")
    assert (found["cl"], found["ar"], found["br"]) == ("banned", "banned", "legal")
    assert "us" not in found  # the US is decided by its federal and state sources
    assert "ca" not in found  # "disallowed marketing ... for ingestion" states no status


def test_the_latest_dated_statement_decides():
    found = {o.jurisdiction_id: o for o in scrape("wikipedia")}
    thailand = found[TH]
    assert thailand.status == "legal" and thailand.excerpt.startswith("In 2021, it fully legalized")
    assert statuses(found.values())["id"] == "legal"  # legalised in 2024, not banned
    assert thailand.source_url.endswith("?oldid=1301234567")


def test_the_older_heading_markup_reads_the_same(tmp_path):
    legacy = (FIXTURES / "wikipedia" / "parse-legacy-headings.json").read_bytes()
    folder = copy_fixtures("wikipedia", tmp_path, **{"parse.json": legacy})
    assert statuses(scrape("wikipedia", folder)) == statuses(scrape("wikipedia"))


def test_an_article_without_the_section_fails_loudly(tmp_path):
    page = (FIXTURES / "wikipedia" / "parse.json").read_text().replace("Regulation", "Culture")
    folder = copy_fixtures("wikipedia", tmp_path, **{"parse.json": page.encode()})
    with pytest.raises(EmptyScrape, match="no legal-status section"):
        scrape("wikipedia", folder)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Kratom is not controlled in Freedonia.", "legal"),
        ("It is illegal to sell kratom.", "banned"),
        ("Kratom is regulated and sold only to adults.", "regulated"),
        ("Kratom grows in the south.", None),
        ("Possession of kratom was illegal in Thailand until 2018.", None),
        ("The government has considered legalizing kratom in 2004 and 2020.", None),
        ("Kratom was previously scheduled to become an illegal substance in 2024.", None),
        ("However, it remains legal until it is included among prohibited substances.", "legal"),
        ("In 2021, Thailand fully legalized kratom and removed it from the list of narcotics, "
         "and people convicted when it was still considered a narcotic were pardoned.", "legal"),
    ],
)  # fmt: skip
def test_statement_words(text, status):
    assert status_of(text) == status


def test_countries_are_named_per_sentence():
    assert countries_in("As of 2011, it was controlled in Denmark, Latvia and Sweden.") == [
        "ocd-division/country:dk",
        "ocd-division/country:lv",
        "ocd-division/country:se",
    ]
    assert countries_in("In the UK and the Republic of Ireland, it is banned.") == [
        "ocd-division/country:gb",
        "ocd-division/country:ie",
    ]
    assert countries_in("Listed by ASEAN and in South America.") == []


def test_a_sentence_naming_no_country_speaks_of_the_last_one_named():
    found = latest(statements("Brazil listed kratom in 2020. However, it remains legal.", None))
    assert found["ocd-division/country:br"].status == "legal"
    under_heading = latest(statements("Kratom is banned here.", TH))
    assert under_heading[TH].status == "banned"
