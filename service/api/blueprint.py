"""The API's blueprint, rate-limited as a whole; health and readiness checks are never limited."""

from flask import Blueprint, request

from service.limits import api_rate, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PROBES = ("api.health", "api.ready")
limiter.limit(api_rate, exempt_when=lambda: request.endpoint in PROBES)(bp)
