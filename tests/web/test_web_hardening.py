"""Cookies, absolute links and the answer page's rate limit."""

from __future__ import annotations

import pytest

from tests.changehelp import TN, add_news

FORGED = {"Host": "evil.example"}
PUBLIC = "https://kratom.example.org"


def session_cookie(response) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def test_the_session_cookie_is_secure_over_an_https_public_url(app_with):
    client = app_with(PUBLIC_URL=PUBLIC).test_client()
    cookie = session_cookie(client.get("/subscribe"))
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_lax_and_http_only_over_plain_http(app_with):
    client = app_with(PUBLIC_URL="http://127.0.0.1:5000").test_client()
    cookie = session_cookie(client.get("/subscribe"))
    assert "Secure" not in cookie
    assert "; HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("path", ["/changes.atom", f"/j/{TN}/changes.atom"])
def test_feeds_take_their_links_from_the_public_url(app_with, path):
    app = app_with(PUBLIC_URL=PUBLIC)
    add_news(app)
    body = app.test_client().get(path, headers=FORGED).get_data(as_text=True)
    assert "evil.example" not in body
    assert f'href="{PUBLIC}/"' in body and f"<id>{PUBLIC}/api/v1/changes#change-" in body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/changes?limit=1",
        "/api/v1/jurisdictions?level=state",
        f"/api/v1/verdict?jurisdiction={TN}",
        "/api/v1/lookup?q=Tampa",
        f"/api/v1/jurisdictions/{TN}",
    ],
)
def test_links_in_json_take_the_public_url(app_with, path):
    app = app_with(PUBLIC_URL=PUBLIC)
    add_news(app)
    body = app.test_client().get(path, headers=FORGED).get_data(as_text=True)
    assert "evil.example" not in body and "localhost" not in body
    if "/changes" in path or "level=" in path:
        assert f'"{PUBLIC}/api/v1/' in body


def test_the_answer_page_is_rate_limited_like_the_api(app_with):
    client = app_with(RATE_LIMIT_API="2/minute").test_client()
    codes = [client.get("/lookup?q=Tampa").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited = client.get("/lookup?q=Tampa")
    assert limited.mimetype == "text/html" and int(limited.headers["Retry-After"]) > 0
