"""What a request reads: the process's division registry and current rule snapshot."""

from __future__ import annotations

from flask import current_app

from jurisdictions.registry import Registry, load_registry
from service.rules.rulebook import RuleBook

from .db import db
from .locator import Locator


def registry() -> Registry:
    """The bundled division registry, read on first use (once per process)."""
    return load_registry()


def locator() -> Locator:
    return current_app.extensions["kratom.locator"]


def rulebook() -> RuleBook:
    return current_app.extensions["kratom.rulebook"].get(db.session)
