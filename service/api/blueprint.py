"""The API's blueprint. Every endpoint counts RATE_LIMIT_API per client unless it declares its
own limits; the health and readiness checks are never limited (see `service.limits`)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
