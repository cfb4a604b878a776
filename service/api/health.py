"""GET /api/v1/health (liveness: the process answers) and GET /api/v1/ready (readiness: the
database answers too). Neither is rate limited."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import text

from service import params
from service.db import db

from .blueprint import bp


@bp.get("/health")
def health():
    """Liveness: the process answers. Not rate limited; never asks the database.
    ---
    get:
      summary: Health check (liveness)
      tags: [service]
      responses:
        "200":
          description: The process answers.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Health"}
        "400": BadRequest
    """
    params.only_known_params()
    return jsonify({"status": "ok"})


@bp.get("/ready")
def ready():
    """Readiness: the process answers and its database too. Not rate limited.
    ---
    get:
      summary: Readiness check
      description: 200 when the database answers; 503 with Retry-After while it does not (send
        traffic elsewhere until then).
      tags: [service]
      responses:
        "200":
          description: Ready to answer.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Ready"}
        "400": BadRequest
    """
    params.only_known_params()
    db.session.execute(text("SELECT 1"))
    return jsonify({"status": "ready"})
