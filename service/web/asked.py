"""What a page was asked, read leniently and refused in a person's words: the day (`date`)."""

from __future__ import annotations

from datetime import date

from flask import request

from service import params
from service.db import today
from service.problems import ApiProblem


def page_date() -> date:
    """The `date` asked for (YYYY-MM-DD), today when it is absent or empty."""
    raw = request.args.get("date", "").strip()
    if not raw:
        return today()
    try:
        return params.as_of_value(raw)
    except ApiProblem:
        detail = (
            f"“{raw[:40]}” is not a date we can read. Write it as year-month-day, "
            "for example 2026-06-30, or leave it out for today."
        )
        raise ApiProblem(400, detail, title="Check the date") from None
