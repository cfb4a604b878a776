"""A web worker loads only what answering needs (memory is budgeted per worker)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("requests", "bs4", "jsonschema", "alembic", "flask_migrate", "geopy.geocoders", "psycopg")


def test_create_app_does_not_import_tools_only_commands_need(tmp_path):
    script = (
        "import sys; from service import create_app; "
        f"create_app({{'DATABASE_URL': 'sqlite:///{tmp_path}/db.sqlite3', "
        f"'INSTANCE_PATH': '{tmp_path}'}}); "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
