"""A first `make run` works: the web process and the clock start together from the Procfile
(honcho, pinned), so a sign-up's email reaches instance/outbox/ within seconds, and the
links in it point at the port the site is served on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from service.config import settings_from_env

ROOT = Path(__file__).resolve().parent.parent


def run_recipe() -> str:
    makefile = (ROOT / "Makefile").read_text()
    return makefile[makefile.index("\nrun:") :].split("\n\n")[0]


def test_make_run_starts_every_process_of_the_procfile_with_honcho():
    recipe = run_recipe()
    assert "honcho start --procfile Procfile --port $(PORT)" in recipe
    assert 'PUBLIC_URL="$${PUBLIC_URL:-http://127.0.0.1:$(PORT)}"' in recipe
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert set(processes) == {"web", "clock"} and "service.clock" in processes["clock"]
    assert re.search(r"^honcho==\d", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    checked = subprocess.run(
        [sys.executable, "-m", "honcho", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_the_outbox_is_drained_within_seconds_by_default():
    assert settings_from_env({})["MAIL_SEND_SECONDS"] <= 5
