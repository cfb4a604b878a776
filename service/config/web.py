"""Settings of the web processes: response cache, rate limits, API keys, request sizes and the
optional online geocoder."""

from __future__ import annotations

from . import parsers
from .setting import Setting

WEB = (
    Setting(
        "RESPONSE_CACHE_MB",
        16,
        "Memory per process for finished API answers to repeated questions; 0 turns it off.",
        parsers.whole_number,
    ),
    Setting(
        "RATE_LIMITS",
        "on",
        "Per-client rate limits on the API and forms: on or off.",
        parsers.choice("on", "off"),
    ),
    Setting(
        "RATE_LIMIT_API",
        "120/minute",
        "Requests per client (IP address) to each GET endpoint of the API.",
        parsers.rate,
    ),
    Setting(
        "RATE_LIMIT_BATCH",
        "10/minute",
        "Batch lookups per client without an API key.",
        parsers.rate,
    ),
    Setting(
        "RATE_LIMIT_BATCH_KEYED",
        "120/minute",
        "Batch lookups per API key.",
        parsers.rate,
    ),
    Setting(
        "API_KEYS",
        (),
        "Comma-separated API keys (sent as X-API-Key): a keyed caller has its own counts and "
        "the keyed batch limit; any other key is refused with 401.",
        parsers.key_list,
    ),
    Setting(
        "MAX_REQUEST_KB",
        2048,
        "Largest request body accepted, in KiB; larger ones get 413.",
        parsers.positive_int,
    ),
    Setting(
        "RATE_LIMIT_STORAGE",
        "memory://",
        "Where rate-limit counters live: memory:// (per process) or a shared redis:// URI.",
        parsers.limiter_storage,
    ),
    Setting(
        "BATCH_BUDGET_SECONDS",
        5.0,
        "Time one batch lookup may spend on its items; locations it has not reached by then "
        "are answered with a problem saying so.",
        parsers.timeout,
    ),
    Setting(
        "ONLINE_GEOCODER",
        "off",
        "Fallback geocoder for places the offline data does not know: off or nominatim.",
        parsers.choice("off", "nominatim"),
    ),
    Setting(
        "NOMINATIM_DOMAIN",
        "nominatim.openstreetmap.org",
        "Host of the Nominatim server used when ONLINE_GEOCODER=nominatim.",
    ),
    Setting(
        "GEOCODER_USER_AGENT",
        "kratom-law-service",
        "User agent sent to the online geocoder; include a contact address (its policy asks).",
    ),
    Setting(
        "GEOCODER_TIMEOUT_SECONDS",
        2.0,
        "Time budget of one online geocoder request, in seconds.",
        parsers.positive_float,
    ),
)
