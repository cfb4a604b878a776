"""The kratom legal-status service: a Flask application factory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from scrapers import redact

from . import (
    answer_front,
    bodies,
    cli,
    http_headers,
    ingest,
    limits,
    mail,
    outages,
    problems,
    rules,
    sessions,
)
from . import db as database
from .config import PROJECT_ROOT, check_overrides, settings_from_env
from .locator import Locator
from .response_cache import ResponseCache
from .rules.rulebook import RuleBookCache
from .tables import import_all_tables


def create_app(test_config: dict | None = None) -> Flask:
    overrides = dict(test_config or {})
    app = Flask(
        __name__,
        instance_path=overrides.pop("INSTANCE_PATH", None),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    settings = settings_from_env()
    settings.update(check_overrides(overrides))
    os.makedirs(app.instance_path, exist_ok=True)
    settings["DATABASE_URL"] = settings["DATABASE_URL"] or _default_database(app)
    settings["SECRET_KEY"] = settings["SECRET_KEY"] or _instance_secret(app)
    app.config.update(settings)
    _keep_secrets_out_of_logs(settings)
    app.config["SQLALCHEMY_DATABASE_URI"] = settings["DATABASE_URL"]
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_REQUEST_KB"] * 1024
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(settings["DATABASE_URL"]))
    app.json.sort_keys = False

    import_all_tables()
    database.init_app(app)
    app.extensions["kratom.rulebook"] = RuleBookCache(app.config["RULES_REFRESH_SECONDS"])
    app.extensions["kratom.responses"] = ResponseCache(
        app.config["RESPONSE_CACHE_MB"] * 1024 * 1024
    )
    app.extensions["kratom.locator"] = Locator(_offline_resolver, _online_fallback(app))
    sessions.init_app(app)
    problems.init_app(app)
    outages.init_app(app)
    bodies.init_app(app)
    limits.init_app(app)
    http_headers.init_app(app)
    cli.init_app(app)
    rules.init_app(app)
    ingest.init_app(app)
    mail.init_app(app)

    from . import api, web

    app.register_blueprint(api.bp)
    app.register_blueprint(api.openapi.docs)
    web.init_app(app)
    web.subscribe.csrf.exempt(api.bp)
    answer_front.init_app(app, api.FRONT)
    return app


def _keep_secrets_out_of_logs(settings: dict) -> None:
    """Every log line of this process is scrubbed of the configured secrets (scrapers.redact):
    API keys, the signing key, passwords in the mail and database URLs."""
    from sqlalchemy.engine import make_url

    smtp = settings["SMTP_URL"]
    redact.install()
    redact.remember(
        settings["SECRET_KEY"],
        make_url(settings["DATABASE_URL"]).password,
        smtp.password if smtp is not None else None,
        *settings["API_KEYS"],
        *(value for name, value in settings.items() if name.endswith("_API_KEY")),
    )


def _offline_resolver():
    from jurisdictions.resolve.offline import offline_resolver  # numpy, shapely: when needed

    return offline_resolver()


def _online_fallback(app: Flask):
    if app.config["ONLINE_GEOCODER"] != "nominatim":
        return None
    from .online_geocoder import OnlineFallback  # geopy's HTTP stack only when it is used

    return OnlineFallback.nominatim(
        app.config["NOMINATIM_DOMAIN"],
        app.config["GEOCODER_USER_AGENT"],
        app.config["GEOCODER_TIMEOUT_SECONDS"],
    )


def _engine_options(url: str) -> dict:
    # Connections are checked before use, so a restarted database is simply reconnected to; a
    # PostgreSQL host that does not answer fails within seconds (a 503), not a stuck worker.
    options: dict = {"pool_pre_ping": True}
    if url.startswith("postgresql") and "connect_timeout" not in url:
        options["connect_args"] = {"connect_timeout": 5}
    return options


def _default_database(app: Flask) -> str:
    return "sqlite:///" + os.path.join(app.instance_path, "kratom.sqlite3")


def _instance_secret(app: Flask) -> str:
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
