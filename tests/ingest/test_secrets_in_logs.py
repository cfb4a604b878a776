"""No secret in any log line: a LegiScan run whose requests fail and are retried, an internal
error, and the settings themselves, with every log record captured and grepped."""

from __future__ import annotations

import logging

from scrapers.http import Fetcher, FetchPolicy
from service.ingest.refresh import run_source
from tests.sitefake import FakeSite, Reply, refused_url

KEY = "Zq9secretLegiScanKey"
POLICY = FetchPolicy(contact="ops@example.org", timeout=1, retries=2, backoff=0, delay=0)


def everything_logged(caplog) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records) + caplog.text


def test_a_failing_keyed_source_logs_no_key(app_with, caplog):
    caplog.set_level(logging.DEBUG)
    app = app_with(LEGISCAN_API_KEY=KEY)
    with FakeSite() as site:
        site.routes["/"] = Reply(503, b"busy")
        busy = run_source(app, "legiscan", fetcher=Fetcher(POLICY), base_url=site.url + "/")
    down = run_source(app, "legiscan", fetcher=Fetcher(POLICY), base_url=refused_url() + "/")
    logged = everything_logged(caplog)
    assert busy.outcome == down.outcome == "failed"
    assert "Retrying" in logged and "key=REDACTED" in logged  # urllib3's own warnings
    assert KEY not in logged and KEY not in busy.error + down.error


def test_configured_secrets_are_scrubbed_from_any_log_line(app_with, caplog):
    password = "mail-pa55word-long"
    app_with(
        OPENSTATES_API_KEY="Zq9secretOpenStatesKey",
        SMTP_URL=f"smtp://robot:{password}@mail.example.org:587?starttls=1",
    )
    log = logging.getLogger("service.anything")
    log.warning("connecting with %s and %s", password, "Zq9secretOpenStatesKey")
    try:
        raise RuntimeError(f"smtp://robot:{password}@mail.example.org failed")
    except RuntimeError:
        log.exception("it broke")
    logged = everything_logged(caplog)
    assert password not in logged and "Zq9secretOpenStatesKey" not in logged
    assert "REDACTED" in logged
