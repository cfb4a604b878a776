"""Browser tests' machinery: the app served on 127.0.0.1 from a thread, Debian's Chromium
driven by Playwright (never a downloaded browser), and axe-core run inside the page."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from service.db import db
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".venv/npm/node_modules/axe-core/axe.min.js"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class LiveServer:
    """The app on a free port of 127.0.0.1, served by werkzeug in a daemon thread."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
        self.server.server_close()
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()


CSP = "default-src 'self'"


def served_app(template: Path, folder: Path):
    """The app over a copy of the suite's SQLite database, sending the strict policy the
    pages are written for, so the browser reports anything inline or from elsewhere."""
    database = folder / "browser.sqlite3"
    shutil.copy(template, database)
    app = make_app(f"sqlite:///{database}", folder / "instance", RATE_LIMITS="off")

    @app.after_request
    def strict_policy(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return app


def launch(playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it stands (WCAG 2.x A and AA rules, best practices)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from npm")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"]}
        for v in result["violations"]
    ]
