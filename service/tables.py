"""Every module that defines tables, imported so the metadata (migrations, their check) is
complete however the app was started."""

from __future__ import annotations

import importlib

TABLE_MODULES = (
    "service.rules.models",
    "service.ingest.models",
    "service.mail.models",
    "service.locks",
    "service.geocode_cache",
)


def import_all_tables() -> None:
    for name in TABLE_MODULES:
        importlib.import_module(name)
