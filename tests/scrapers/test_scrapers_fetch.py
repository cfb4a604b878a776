"""Polite fetching against a local site: every fault ends as a FetchError with its reason."""

from __future__ import annotations

import pytest

from scrapers.errors import FetchError
from scrapers.http import Fetcher, FetchPolicy
from scrapers.redact import redact
from scrapers.snapshot import Memo, content_hash
from tests.sitefake import FakeSite, Reply, refused_url

POLICY = FetchPolicy(
    contact="ops@example.org", timeout=0.5, retries=1, backoff=0, max_bytes=1000, delay=0
)


@pytest.fixture
def site():
    with FakeSite() as running:
        yield running


def fetch(url, memo=None, policy=POLICY, robots=True):
    return Fetcher(policy).get("page", url, memo=memo, robots=robots)


def test_a_page_is_fetched_with_the_contact_in_the_user_agent(site):
    site.routes["/page"] = Reply(body=b"hello", headers={"ETag": '"v1"'})
    snapshot = fetch(site.url + "/page")
    assert snapshot.body == b"hello" and snapshot.content_hash == content_hash(b"hello")
    assert snapshot.etag == '"v1"' and not snapshot.unchanged
    agent = site.requests[-1][1]["User-Agent"]
    assert "ops@example.org" in agent


def test_conditional_get_sends_validators_and_a_304_is_unchanged(site):
    site.routes["/page"] = Reply(304)
    memo = Memo("ab" * 32, etag='"v1"', last_modified="Tue, 01 Sep 2026 00:00:00 GMT")
    snapshot = fetch(site.url + "/page", memo=memo)
    assert snapshot.unchanged and snapshot.body is None and snapshot.content_hash == "ab" * 32
    headers = site.requests[-1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"].startswith("Tue, 01 Sep 2026")


def test_the_same_bytes_as_last_time_are_unchanged(site):
    site.routes["/page"] = Reply(body=b"same")
    snapshot = fetch(site.url + "/page", memo=Memo(content_hash(b"same")))
    assert snapshot.unchanged and snapshot.body is None


def test_robots_txt_is_obeyed(site):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n")
    site.routes["/private/page"] = Reply(body=b"secret")
    with pytest.raises(FetchError, match="robots.txt .* does not allow /private/page"):
        fetch(site.url + "/private/page")
    assert [path for path, _ in site.requests] == ["/robots.txt"]


def test_server_errors_are_retried_then_reported(site):
    site.routes["/page"] = Reply(503, b"busy")
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(site.url + "/page")
    assert [path for path, _ in site.requests].count("/page") == 2  # one try, one retry


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(404, b"gone"), "HTTP 404"),
        (Reply(body=b"x" * 2000), "over the 1000-byte limit"),
        (Reply(body=b"x" * 10, declared_length=500), "cut short"),
        (Reply(body=b"late", delay=1.5), "timed out after 0.5 s"),
    ],
    ids=["not-found", "oversized", "truncated", "timeout"],
)
def test_faults_become_fetch_errors_with_reasons(site, reply, reason):
    site.routes["/page"] = reply
    with pytest.raises(FetchError, match=reason):
        fetch(site.url + "/page")


def test_an_oversized_body_without_a_length_is_cut_off(site):
    site.routes["/page"] = lambda handler: Reply(body=b"y" * 5000, headers={})
    policy = FetchPolicy(contact="ops@example.org", timeout=1, retries=0, max_bytes=100, delay=0)
    with pytest.raises(FetchError, match="over the 100-byte limit"):
        fetch(site.url + "/page", policy=policy)


def test_a_redirect_loop_is_stopped(site):
    site.routes["/page"] = Reply(302, headers={"Location": "/page"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.url + "/page")


def test_connection_refused_is_named():
    with pytest.raises(FetchError, match="connection refused"):
        fetch(refused_url() + "/page", robots=False)


def test_api_keys_never_reach_stored_urls():
    assert redact("https://api.example/?key=s3cret&op=getSearch") == (
        "https://api.example/?key=REDACTED&op=getSearch"
    )


def test_retries_wait_one_two_four_seconds(site, monkeypatch):
    import urllib3.util.retry

    waits = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waits.append)
    site.routes["/page"] = Reply(503, b"busy")
    policy = FetchPolicy(contact="ops@example.org", timeout=1, retries=3, backoff=1, delay=0)
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(site.url + "/page", policy=policy)
    assert [w for w in waits if w] == [1, 2, 4]  # (the test site's own sleeps are 0)


def test_retry_after_is_obeyed_up_to_its_cap(site, monkeypatch):
    import urllib3.util.retry

    waits = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waits.append)
    site.routes["/page"] = Reply(429, b"slow down", headers={"Retry-After": "86400"})
    policy = FetchPolicy(
        contact="ops@example.org", timeout=1, retries=2, backoff=1, delay=0, retry_after_max=7
    )
    with pytest.raises(FetchError, match="HTTP 429"):
        fetch(site.url + "/page", policy=policy)
    assert [w for w in waits if w] == [7, 7]


def test_an_error_answer_is_kept_with_the_failure(site):
    site.routes["/page"] = Reply(401, b'{"detail": "Invalid API Key."}')
    with pytest.raises(FetchError) as failure:
        fetch(site.url + "/page")
    assert failure.value.snapshot.status == 401
    assert failure.value.snapshot.body == b'{"detail": "Invalid API Key."}'


def test_no_secret_reaches_a_log_line(site, caplog, monkeypatch):
    import logging

    import urllib3.util.retry

    from scrapers import redact as redaction

    monkeypatch.setattr(urllib3.util.retry.time, "sleep", lambda seconds: None)
    caplog.set_level(logging.DEBUG)
    site.routes["/"] = Reply(503, b"busy")
    fetcher = Fetcher(POLICY)
    with pytest.raises(FetchError):
        fetcher.get("search", site.url + "/", {"key": "sup3rsecretkey", "op": "getSearch"})
    with pytest.raises(FetchError):
        fetcher.get("search", refused_url() + "/", {"key": "sup3rsecretkey"}, robots=False)
    redaction.remember("an0ther-secret-value")
    logging.getLogger("service.test").warning("header X-API-KEY an0ther-secret-value used")
    try:
        raise RuntimeError("GET https://api.example/?apikey=sup3rsecretkey failed")
    except RuntimeError:
        logging.getLogger("service.test").exception("it broke")
    logged = caplog.text + "".join(logging.Formatter().format(record) for record in caplog.records)
    assert "retry" in logged.lower() and "REDACTED" in logged
    assert "sup3rsecretkey" not in logged and "an0ther-secret-value" not in logged
