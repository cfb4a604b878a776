"""The API's blueprint, rate-limited as a whole; health checks are never limited."""

from flask import Blueprint, request

from service.limits import api_rate, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
limiter.limit(api_rate, exempt_when=lambda: request.endpoint == "api.health")(bp)
