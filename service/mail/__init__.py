"""Change emails: subscriptions and sign-up, signed links, the outbox queued in the same
transaction as the Changes it announces, letters, delivery over SMTP or to files, reminders,
the clock's mail jobs and the `mail` commands.

May import `rules` and the top-level modules; never `ingest`, `web` or `api`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from service.db import db

    from . import cli, notify

    notify.register(db.session)
    app.cli.add_command(cli.mail_group)
