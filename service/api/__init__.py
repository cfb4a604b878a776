"""The JSON API, version 1."""

from flask import Blueprint, request

from service.limits import api_rate, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Health checks (load balancers, monitors) are never limited.
limiter.limit(api_rate, exempt_when=lambda: request.endpoint == "api.health")(bp)

from . import (  # noqa: E402,F401  (each module adds its routes to bp)
    batch,
    changes,
    history,
    jurisdictions,
    lookup,
    openapi,
    sources,
    subscriptions,
    verdicts,
)
