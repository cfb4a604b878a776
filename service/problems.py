"""One error shape: RFC 9457 problem details for the API, a friendly page for browsers."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

PROBLEM_MIME = "application/problem+json"
log = logging.getLogger(__name__)


class ApiProblem(HTTPException):
    """An error with a specific explanation, optionally naming the parameter at fault."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        param: str | None = None,
        title: str | None = None,
        extensions: dict | None = None,
    ):
        super().__init__(description=detail)
        self.code = status
        self.param = param
        self.title = title
        self.extensions = extensions  # extra members of the problem body (RFC 9457)


def bad_parameter(name: str, detail: str) -> ApiProblem:
    return ApiProblem(400, detail, param=name, title="Invalid parameter")


def _wants_problem() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", PROBLEM_MIME])
    return best in ("application/json", PROBLEM_MIME)


def problem_body(error: HTTPException) -> dict:
    body = {
        "type": "about:blank",
        "title": getattr(error, "title", None) or error.name,
        "status": error.code,
        "detail": error.description,
        "instance": request.full_path.rstrip("?"),
    }
    param = getattr(error, "param", None)
    if param:
        body["invalid_params"] = [{"name": param, "reason": error.description}]
    body.update(getattr(error, "extensions", None) or {})
    return body


# Pages in people's words for the errors Werkzeug raises by itself (no route, wrong method).
PAGE_WORDS = {
    404: (
        "Page not found",
        "There is no page at this address. Search for a place below, or start from the home page.",
    ),
    405: ("This address does not take that request", "Open the page from a link on this site."),
}


def _page(error: HTTPException):
    title, detail = problem_body(error)["title"], error.description
    if not isinstance(error, ApiProblem) and error.code in PAGE_WORDS:
        title, detail = PAGE_WORDS[error.code]
    html = render_template("error.html", error=error, title=title, detail=detail)
    return make_response(html, error.code)


def respond(error: HTTPException):
    if _wants_problem():
        response = jsonify(problem_body(error))
        response.status_code = error.code
        response.mimetype = PROBLEM_MIME
    else:
        response = _page(error)
    for name, value in error.get_headers() if error.code == 405 else []:
        if name.lower() == "allow":
            response.headers[name] = value
    return response


def _unexpected(error: Exception):
    log.exception("unhandled error on %s", request.path)
    wrapped = InternalServerError("The service failed to answer; the error has been logged.")
    return respond(wrapped)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, respond)
    app.register_error_handler(Exception, _unexpected)
