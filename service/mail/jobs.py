"""The clock's mail jobs: draining the outbox, and the upkeep (week-ahead reminders, purging
unconfirmed sign-ups and old mail).

The send job takes no job lock: several clocks, or a clock and `flask mail send`, may drain
one outbox together, each claiming its own rows. The upkeep takes the lock `mail_upkeep`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask

from service.db import db, today, utcnow
from service.locks import job_lock
from service.schedule import every

from . import outbox, subscribers
from .reminders import queue_reminders

log = logging.getLogger("service.mail")


@dataclass(frozen=True)
class Upkeep:
    reminders: int
    purged_signups: int
    purged_messages: int

    def line(self) -> str:
        return (
            f"{self.reminders} reminder message(s) queued, {self.purged_signups} unconfirmed "
            f"sign-up(s) and {self.purged_messages} old message(s) purged"
        )


def upkeep(app: Flask) -> Upkeep:
    now = utcnow()
    reminders = queue_reminders(db.session, today())
    signups = subscribers.purge_unconfirmed(db.session, now, app.config["SIGNUP_PURGE_DAYS"])
    messages = outbox.purge_old(db.session, now)
    db.session.commit()
    return Upkeep(reminders, signups, messages)


def run_upkeep_job(app: Flask) -> Upkeep | None:
    """The upkeep once; None when another clock holds its lock."""
    with (
        app.app_context(),
        job_lock(db.engine, "mail_upkeep", app.config["JOB_LOCK_SECONDS"]) as held,
    ):
        if not held:
            log.info("mail_upkeep: another clock holds the lock; skipped")
            return None
        done = upkeep(app)
        log.info("mail_upkeep: %s", done.line())
        return done


def run_send_job(app: Flask):
    from .delivery import drain  # smtplib and ssl only in processes that send

    tally = drain(app)
    if tally.total:
        log.info("mail_send: %s", tally.line())
    return tally


def add_jobs(app: Flask, scheduler) -> None:
    every(scheduler, run_send_job, "mail_send", [app], seconds=app.config["MAIL_SEND_SECONDS"])
    every(
        scheduler, run_upkeep_job, "mail_upkeep", [app],
        minutes=app.config["MAIL_UPKEEP_MINUTES"], once_per_tick=True,
    )  # fmt: skip
