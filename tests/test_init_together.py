"""Two `init` at once on an empty database: one waits for the other (a PostgreSQL advisory
lock, a lock file beside a SQLite database), both succeed, and nothing is loaded twice."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLASK = Path(sys.executable).parent / "flask"


def test_two_inits_at_once_both_succeed(empty_database_url):
    env = {**os.environ, "DATABASE_URL": empty_database_url, "SECRET_KEY": "k" * 32}
    runs = [
        subprocess.Popen(
            [str(FLASK), "--app", "service", "init"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-3000:]
        assert "Traceback" not in err
    inserted = [int(re.search(r"rules: (\d+) inserted", out).group(1)) for out, _ in outputs]
    assert min(inserted) == 0 < max(inserted), "the second found the first one's work done"
