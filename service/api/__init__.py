"""The JSON API, version 1, and its OpenAPI contract: thin routes over `answers` and `rules`.

May import `answers`, `rules`, `mail` (sign-up), `ingest` (source health) and the top-level
modules; never `web`. Each route module adds its routes to the blueprint in `blueprint`.
"""

from . import (  # noqa: F401  (each module adds its routes to the blueprint)
    batch,
    changes,
    health,
    history,
    jurisdictions,
    lookup,
    openapi,
    sources,
    subscriptions,
    verdicts,
)
from .blueprint import bp  # noqa: F401

# Answered in front of Flask too (service.answer_front): path -> (endpoint, JSON text writer).
FRONT = {
    f"{bp.url_prefix}/lookup": ("api.lookup_location", lookup.lookup_text),
    f"{bp.url_prefix}/verdict": ("api.verdict", verdicts.verdict_text),
}
