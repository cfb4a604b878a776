"""Scraper settings: defaults that need no setup, and clear errors for unusable values."""

from __future__ import annotations

import pytest

from service.config import ConfigError, settings_from_env
from service.ingest.sources import disabled_reason


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SCRAPER_CONTACT", "bob", "email address or an http(s) URL"),
        ("LEGISCAN_API_KEY", "short", "8 to 128"),
        ("LEGISTAR_CLIENTS", "sandiego", "not name=value"),
        ("LEGISTAR_CLIENTS", "San Diego=ocd-division/country:us", "not a Legistar client name"),
        ("LEGISTAR_CLIENTS", "sandiego=San Diego", "not an OCD division id"),
        ("SCRAPE_INTERVALS", "nosuch=60", "no source is called 'nosuch'"),
        ("SCRAPE_INTERVALS", "wikipedia=often", "not a positive number of minutes"),
        ("SCRAPE_TIMEOUT_SECONDS", "0", "more than 0 seconds"),
        ("SCRAPE_TIMEOUT_SECONDS", "fast", "from 0 to 3600"),
        ("SCRAPE_RETRIES", "-1", "zero or a positive"),
        ("SCRAPE_MAX_BYTES", "0", "positive"),
        ("SCRAPE_DELAY_SECONDS", "nan", "from 0 to 3600"),
        ("SCRAPE_REPLAY_DIR", "/no/such/dir", "not a directory"),
        ("OPENSTATES_API_KEY", "short", "8 to 128"),
        ("LEGISCAN_MONTHLY_QUERIES", "0", "positive"),
        ("LEGISTAR_STATUS_MAP", "Filed=enacted", "not client:Status name=stage"),
        ("LEGISTAR_STATUS_MAP", "mv:Filed=passed", "not a stage"),
        ("SCRAPE_RETRY_AFTER_MAX_SECONDS", "forever", "from 0 to 3600"),
        ("SOURCE_ALERT_FAILED_RUNS", "0", "positive"),
        ("SOURCE_ALERT_SILENT_DAYS", "-2", "positive"),
        ("OPERATOR_EMAIL", "ops at example", "one email address"),
    ],
)
def test_unusable_scraper_values_name_the_setting(name, value, message):
    with pytest.raises(ConfigError) as caught:
        settings_from_env({name: value})
    assert str(caught.value).startswith(f"{name}=") and message in str(caught.value)


def test_defaults_need_no_setup_and_keyed_sources_report_disabled():
    settings = settings_from_env({})
    assert settings["SCRAPER_CONTACT"] and settings["LEGISCAN_API_KEY"] is None
    assert disabled_reason(settings, "legiscan") == "no LegiScan API key (LEGISCAN_API_KEY)"
    assert disabled_reason(settings, "federal_register") is None
    keyed = settings_from_env({"LEGISCAN_API_KEY": "0123456789abcdef"})
    assert disabled_reason(keyed, "legiscan") is None
    assert disabled_reason(settings_from_env({"LEGISTAR_CLIENTS": "none"}), "legistar")


def test_intervals_override_per_source():
    settings = settings_from_env({"SCRAPE_INTERVALS": "wikipedia=30, openstates=90"})
    assert settings["SCRAPE_INTERVALS"] == {"wikipedia": 30, "openstates": 90}
