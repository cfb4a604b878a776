"""Sign-up pages: subscribe, confirm, manage, and unsubscribe with one click (RFC 8058).

Every form of the site carries a CSRF token (Flask-WTF's CSRFProtect). Exempt are the JSON API,
which takes no cookies, and the one-click unsubscribe, which mail providers POST without
them: the signed token in the URL is their authority. Links that change anything only show a
button on GET, since mail scanners fetch links. Nothing here redirects anywhere.
"""

from __future__ import annotations

from flask import Blueprint, Flask, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from jurisdictions.resolve.resolution import Resolution
from service import context
from service.bodies import body_limit
from service.db import db, utcnow
from service.mail import signup_queue, subscribers, tokens
from service.mail.signup import Place, SignupError, parse_address, resolve_place
from service.mail.signup_limits import limited

bp = Blueprint("subscribe", __name__)
csrf = CSRFProtect()
PLACE_FIELDS = ("q", "jurisdiction", "lat", "lon")
MAX_FORM_BYTES = 4096
LINK_PROBLEMS = {
    "expired": (410, "This link has expired. Sign up again and we will send a fresh one."),
    "used": (410, "This link was used already, or a newer email replaced it."),
    "invalid": (400, "This link is not valid. Check that it was copied whole."),
    "gone": (410, "This alert no longer exists. Sign up again if you want these emails."),
}


def notice(title: str, message: str, status: int = 200):
    return render_template("subscribe/notice.html", title=title, message=message), status


def _form_values() -> dict:
    values = {name: request.values.get(name, "").strip() for name in ("email", *PLACE_FIELDS)}
    values["scheduled"] = request.method == "GET" or "scheduled" in request.form
    values["proposals"] = "proposals" in request.form
    _chosen(values, request.form.get("choice", ""))
    return values


def _chosen(values: dict, choice: str) -> None:
    """A candidate picked from a list: `q:<text>` or `jurisdiction:<id>`."""
    kind, _, value = choice.partition(":")
    if kind in ("q", "jurisdiction") and value.strip():
        values.update(dict.fromkeys(PLACE_FIELDS, ""))
        values[kind] = value.strip()


def choice_for(place: Place) -> str:
    """How a candidate is posted back: by its name when that names it alone, so that a city
    stays the city; else by its jurisdiction."""
    again = context.locator().offline.resolve(place.label)
    if isinstance(again, Resolution) and tuple(d.id for d in again.chain) == place.chain:
        return f"q:{place.label}"
    return f"jurisdiction:{place.jurisdiction_id}"


def place_link(label: str, jurisdiction_id: str) -> str:
    """The answer page of a subscription's place: by its name when that finds the same place."""
    again = context.locator().offline.resolve(label)
    if isinstance(again, Resolution) and again.chain[-1].id == jurisdiction_id:
        return url_for("lookup.page", q=label)
    return url_for("jurisdiction.page", ocd_id=jurisdiction_id)


def _form_page(values: dict, status: int = 200, error: SignupError | None = None):
    place = {"q": values["q"], "jurisdiction_id": values["jurisdiction"], "place_label": ""}
    if values["jurisdiction"] and (error is None or error.field == "email"):
        try:
            place["place_label"] = resolve_place(jurisdiction=values["jurisdiction"]).label
        except SignupError as problem:
            error, status = problem, problem.status
    if error is not None and error.field != "email":
        place["jurisdiction_id"] = ""  # let the reader type the place instead
    errors = {}
    if error is not None:
        message = error.message[:1].upper() + error.message[1:]
        errors["email" if error.field == "email" else "place"] = message
    candidates = [
        {"label": c.label, "choice": choice_for(c)}
        for c in (error.candidates if error is not None else ())
    ]
    page = render_template(
        "subscribe/subscribe.html", values=values, errors=errors, candidates=candidates, **place
    )
    return page, status


@bp.get("/subscribe")
def subscribe_page():
    return _form_page(_form_values())


@bp.post("/subscribe")
@body_limit(MAX_FORM_BYTES)
@limited
def subscribe_post():
    values = _form_values()
    try:
        address = parse_address(values["email"])
        place = resolve_place(**{name: values[name] or None for name in PLACE_FIELDS})
    except SignupError as error:
        return _form_page(values, 200 if error.candidates else error.status, error)
    options = {"scheduled": values["scheduled"], "proposals": values["proposals"]}
    signup_queue.queue(db.session, address, place, now=utcnow(), **options)
    db.session.commit()
    link = place_link(place.label, place.jurisdiction_id)
    return render_template("subscribe/sent.html", label=place.label, place_url=link)


@bp.errorhandler(tokens.TokenError)
def link_problem(error: tokens.TokenError):
    status, message = LINK_PROBLEMS[error.reason]
    return notice("This link does not work", message, status)


@bp.get("/subscribe/confirm/<token>")
def confirm(token: str):
    subscription = subscribers.awaiting(db.session, token)
    return render_template("subscribe/confirm.html", label=subscription.place_label, token=token)


@bp.post("/subscribe/confirm/<token>")
def confirm_post(token: str):
    subscription = subscribers.confirm(db.session, token, utcnow())
    db.session.commit()
    manage = subscribers.manage_token(subscription)
    link = place_link(subscription.place_label, subscription.jurisdiction_id)
    return render_template(
        "subscribe/confirmed.html", subscription=subscription, token=manage, place_url=link
    )


@bp.get("/subscriptions/manage/<token>")
def manage(token: str):
    subscription = subscribers.by_manage_token(db.session, token)
    return render_template("subscribe/manage.html", subscription=subscription, token=token)


@bp.post("/subscriptions/manage/<token>")
def manage_post(token: str):
    subscription = subscribers.by_manage_token(db.session, token)
    action = request.form.get("action")
    if action == "delete":
        label = subscription.place_label
        subscribers.remove(db.session, subscription)
        db.session.commit()
        return notice("Alert removed", f"You will get no more emails about {label}.")
    if action != "save":
        return notice("Nothing changed", "Use the buttons on the page to change this alert.", 400)
    options = {name: name in request.form for name in ("scheduled", "proposals")}
    subscribers.set_options(subscription, **options)
    db.session.commit()
    return render_template(
        "subscribe/manage.html", subscription=subscription, token=token, saved=True
    )


def _already_unsubscribed(error: tokens.TokenError):
    if error.reason != "gone":
        raise error  # forged or damaged: say so
    return notice("Unsubscribed", "This address has no subscriptions left with us.")


@bp.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    try:
        subscription = subscribers.by_manage_token(db.session, token)
    except tokens.TokenError as error:
        return _already_unsubscribed(error)
    return render_template("subscribe/unsubscribe.html", subscription=subscription, token=token)


@bp.post("/unsubscribe/<token>")
@csrf.exempt
def unsubscribe_post(token: str):
    """RFC 8058 one-click: a POST with the signed token. Doing it twice is no error."""
    try:
        subscription = subscribers.by_manage_token(db.session, token)
    except tokens.TokenError as error:
        return _already_unsubscribed(error)
    subscribers.unsubscribe(db.session, subscription)
    db.session.commit()
    return notice("Unsubscribed", "You will get no more emails from us at this address.")


def _csrf_failed(error: CSRFError):
    message = "This form has expired or did not come from this site. Reload the page and try again."
    return notice("Please try again", message, 400)


def init_app(app: Flask) -> None:
    # The session cookie holds the CSRF token: sent only over https when the site is served
    # there, never to scripts, and not on cross-site POSTs.
    app.config["SESSION_COOKIE_SECURE"] = app.config["PUBLIC_URL"].startswith("https:")
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    csrf.init_app(app)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_blueprint(bp)
