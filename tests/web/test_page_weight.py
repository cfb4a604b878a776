"""Every page type stays under its byte budget and works under a strict Content-Security-Policy
(default-src 'self'): no inline script or style, nothing loaded from another site."""

from __future__ import annotations

import re

import pytest

BUDGET = 100_000  # bytes of HTML + CSS + JS before compression
PAGES = [
    "/",
    "/?substance=7-oh",
    "/lookup?q=Oceanside,+CA",
    "/lookup?q=64111",
    "/lookup?lat=27.3880&lon=-82.4460",
    "/lookup?q=Springfield",
    "/j/ocd-division/country:us",
    "/j/ocd-division/country:us/state:fl",
    "/changes",
    "/status",
    "/developers",
    "/lookup?q=",
    "/no-such-page",
]


@pytest.fixture
def backend():
    return "sqlite"


def size(client, path: str) -> int:
    with client.get(path) as response:  # static files stream: close them
        assert response.status_code == 200, path
        return len(response.get_data())


def assets(html: str) -> list[str]:
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    return links + re.findall(r'<script src="([^"]+)"', html)


@pytest.mark.parametrize("path", PAGES)
def test_page_weight_is_under_budget(client, path):
    html = client.get(path).get_data(as_text=True)
    files = assets(html)
    assert len(files) == 2, files
    total = len(html.encode()) + sum(size(client, f) for f in files)
    assert total < BUDGET, f"{path}: {total:,} bytes"


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_nothing_inline_or_from_elsewhere(client, path):
    html = client.get(path).get_data(as_text=True)
    assert "<style" not in html and not re.search(r"\sstyle=", html)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for url in re.findall(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="([^"]+)"', html):
        assert url.startswith("/") and not url.startswith("//"), url
