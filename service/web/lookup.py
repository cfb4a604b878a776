"""The answer page: /lookup?q=<place> or /lookup?lat=..&lon=.. [&date=YYYY-MM-DD].

It builds the same answer as GET /api/v1/lookup (service.api.answers), so the page and the
API always say the same thing. Unlike the API it ignores parameters it does not know (links
shared around pick up tracking tags) and treats empty fields as absent.
"""

from __future__ import annotations

import math

from flask import Blueprint, render_template, request, url_for

from jurisdictions.resolve.resolution import Ambiguous, Candidate, Resolution
from service import context
from service.answers import build as answers
from service.limits import api_rate, rate_limit
from service.problems import ApiProblem

from . import answer_view
from .asked import page_date

MAX_QUERY = 200
bp = Blueprint("lookup", __name__)
TITLE = "Check what you typed"
COORDINATES = {"lat": ("latitude", 90.0), "lon": ("longitude", 180.0)}


def _coordinate(name: str) -> float:
    raw = request.args.get(name, "").strip()
    label, limit = COORDINATES[name]
    try:
        value = float(raw)
    except ValueError:
        raise ApiProblem(400, f"The {label} must be a number of degrees.", title=TITLE) from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        detail = f"The {label} must be between -{limit:g} and {limit:g} degrees."
        raise ApiProblem(400, detail, title=TITLE)
    return value


def _question() -> tuple[str | None, tuple[float, float] | None]:
    """The place typed, or the point sent, never both."""
    text = request.args.get("q", "").strip()
    has_point = bool(request.args.get("lat", "").strip() or request.args.get("lon", "").strip())
    if text and has_point:
        raise ApiProblem(400, "Give a place or a location, not both.", title=TITLE)
    if has_point:
        return None, (_coordinate("lat"), _coordinate("lon"))
    if not text:
        detail = "Type a city, county, state, ZIP code or country to check."
        raise ApiProblem(400, detail, title=TITLE)
    if len(text) > MAX_QUERY:
        raise ApiProblem(400, f"That is longer than {MAX_QUERY} characters.", title=TITLE)
    return text, None


def _links_with_date(**query) -> dict:
    if request.args.get("date"):
        query["date"] = request.args["date"]
    return query


def candidate_link(candidate: Candidate) -> str:
    """A candidate's own answer: by its label when that names it alone, else by its point,
    else its jurisdiction's page."""
    again = context.locator().offline.resolve(candidate.label)
    if isinstance(again, Resolution) and again.chain == candidate.chain:
        return url_for("lookup.page", **_links_with_date(q=candidate.label))
    if candidate.lat is not None and candidate.lon is not None:
        point = {"lat": f"{candidate.lat:.5f}", "lon": f"{candidate.lon:.5f}"}
        return url_for("lookup.page", **_links_with_date(**point))
    return url_for("jurisdiction.page", ocd_id=candidate.chain[-1].id)


@bp.get("/lookup")
@rate_limit(api_rate)  # the same work as GET /api/v1/lookup, so the same limit
def page():
    on = page_date()
    text, point = _question()
    if point is not None:
        found = context.locator().point(*point)
        missing = "No country lies at that point in our data."
    else:
        found = context.locator().text(text)
        missing = f"We could not find a place called “{text}”. Try a city and state, or a ZIP code."
    if found is None:
        raise ApiProblem(404, missing, title="Place not found")
    if isinstance(found, Ambiguous):
        links = [(c.label, candidate_link(c)) for c in found.candidates]
        return render_template("candidates.html", text=found.text, candidates=links)
    body = answers.answer(found, on)
    return render_template(
        "answer.html",
        body=body,
        q=text or "",
        dated=bool(request.args.get("date")),
        view=answer_view.AnswerView(body, query=text or ""),
        json_url=url_for("api.lookup_location", **_same_question()),
    )


def _same_question() -> dict:
    """The question's own parameters, for the JSON link (the API refuses any others)."""
    asked = {name: request.args.get(name, "").strip() for name in ("q", "lat", "lon", "date")}
    return {name: value for name, value in asked.items() if value}
