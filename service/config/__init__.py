"""Settings, declared once: name, default, help, and how to read the value (`parsers`).

Every setting comes from an environment variable of the same name, grouped by the part of the
service that reads it (`core`, `web`, `ingest`, `mail`); a source's own settings are declared on
its scraper class. The README lists them all (a test keeps the two in step).
"""

from __future__ import annotations

import os
from typing import Any

from .setting import PROJECT_ROOT, ConfigError, Setting
from .settings import SETTINGS

__all__ = ["PROJECT_ROOT", "SETTINGS", "ConfigError", "Setting", "check_overrides"]


def settings_from_env(environ: os._Environ | dict = os.environ) -> dict[str, Any]:
    """Read every setting from the environment, reporting the first unusable value clearly."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.name)
        if raw is None or raw == "":
            values[setting.name] = setting.default
            continue
        values[setting.name] = setting.read(raw)
    values["PUBLIC_URL"] = values["PUBLIC_URL"] or local_url(environ.get("PORT"))
    return values


def local_url(port: str | None) -> str:
    """The site on this machine, on the port the web process serves (PORT, as Procfile
    runners and hosting platforms set it)."""
    if not port:
        return "http://127.0.0.1:5000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"PORT={port!r}: not a port number (1-65535)")
    return f"http://127.0.0.1:{int(port)}"


def check_overrides(overrides: dict[str, Any]) -> dict[str, Any]:
    """Parse string values given in test_config the same way as environment values."""
    by_name = {s.name: s for s in SETTINGS}
    return {
        name: by_name[name].read(value) if name in by_name and isinstance(value, str) else value
        for name, value in overrides.items()
    }
