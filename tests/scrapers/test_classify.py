"""Reading bills and ordinances: the corpus targets, and the wordings that matter most."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scrapers.classify import read

BENCH = Path(__file__).resolve().parents[2] / "bench" / "classify.py"


def bench():
    spec = importlib.util.spec_from_file_location("bench_classify", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_labelled_corpus_meets_its_targets(capsys):
    module = bench()
    assert module.main(["--quiet"]) == 0, capsys.readouterr().out
    docs = module.CORPUS.read_text().splitlines()
    assert len(docs) >= 80


@pytest.mark.parametrize(
    ("title", "description", "status"),
    [
        ("An ordinance banning kratom", "", "banned"),
        ("Sale of Kratom to Minors Prohibited", "", "regulated"),
        ("Kratom Consumer Protection Act", "prohibits the sale of kratom to anyone under 21",
         "regulated"),
        ("AN ACT relating to kratom.", "prohibit the sale of kratom products to individuals under "
         "21 years of age, to establish labeling requirements", "regulated"),
        ("Enacts the synthetic kratom kills act to prohibit harmful synthetic and adulterated "
         "kratom products", "", "regulated"),
        ("To remove mitragynine from the controlled substances list; kratom consumer protection",
         "", "regulated"),
        ("Adds kratom to Schedule I", "", "banned"),
        ("Relating to 7-hydroxymitragynine; Schedule I", "", "banned"),
        ("Prohibiting the sale of synthetic 7-OH products", "", "restricted"),
        ("HR 177", "a resolution that requests the Department of Health to study the scheduling "
         "of kratom", None),
        ("Ordinance 251068", "Originally, the ordinance was designed as a total ban on kratom "
         "products, but a committee substitute was adopted that echoed kratom regulations.",
         "regulated"),
        ("To protect access to kratom.", "", "legal"),
    ],
)  # fmt: skip
def test_proposed_status(title, description, status):
    reading = read(title, description)
    assert reading.relevant and reading.proposed_status == status


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Policy For Securing Health Care Services", "An Act stating a public policy ..."),
        ("Controlled Substance Modifications", "classifies amanita muscaria as controlled"),
        ("HB0110", "requested kratom be listed as a controlled substance, but it was removed "
         "from the bill before the bill passed."),
    ],
)  # fmt: skip
def test_documents_not_about_kratom_are_not_relevant(title, description):
    assert not read(title, description).relevant


def test_substances_come_from_what_the_title_names():
    assert read("7 Hydroxymitragynine (7-OH) as a Schedule I substance",
                "Kratom contains 7-OH in lower concentrations").substances == ("7-oh",)  # fmt: skip
    assert read("Kratom and 7-OH products", "").substances == ("kratom", "7-oh")
    assert read("Sale of kratom to persons under the age of eighteen (18)").min_age == 18
