"""`flask --app service coverage`: what the curated law covers, and bad input refused."""

from __future__ import annotations


def test_the_report_counts_countries_levels_sources_and_unknowns(runner):
    result = runner.invoke(args=["coverage", "--as-of", "2026-11-30"])
    assert result.exit_code == 0, result.output
    assert "countries and territories with a file: 249 of 249" in result.output
    assert "restricting rules:" in result.output and "with a primary source:" in result.output
    assert "rules by confidence: high" in result.output
    assert "citations by source kind:" in result.output
    assert "ocd-division/country:us/state:ks kratom:" in result.output  # a described conflict


def test_a_bad_day_is_refused(runner):
    result = runner.invoke(args=["coverage", "--as-of", "soon"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
