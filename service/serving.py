"""Getting a web process ready before gunicorn forks its workers (see gunicorn.conf.py).

The master loads the app once (preload): the division registry, the offline resolver's data,
the rule snapshot, the compiled templates and the data digest. Workers are forked from it, so
each starts ready (nothing to load after fork) and shares those pages with the master until it
writes to them. Frozen out of the garbage collector's reach, the inherited objects are not
written to by collections, which keeps the sharing; the database pool is emptied first, since
a connection must never be shared between processes.
"""

from __future__ import annotations

import gc
import logging

from flask import Flask

from . import context
from .db import db
from .response_cache import data_version

log = logging.getLogger(__name__)
WARM_TEMPLATES = ("home.html", "answer.html", "candidates.html", "error.html")


def warm(app: Flask) -> None:
    """Load, in this process, what every request will need."""
    data_version()
    app.extensions["kratom.locator"].offline  # noqa: B018 (loads the resolver's data)
    with app.app_context():
        for name in WARM_TEMPLATES:
            app.jinja_env.get_template(name)
        try:
            context.rulebook()
        except Exception as error:  # a database not reachable yet: workers load it when it is
            log.warning("rule snapshot not loaded before fork: %s", error)
        finally:
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


def before_fork(app: Flask) -> None:
    warm(app)
    gc.collect()
    gc.freeze()


def after_fork(app: Flask) -> None:
    """In a new worker: never reuse a connection the master may hold."""
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
