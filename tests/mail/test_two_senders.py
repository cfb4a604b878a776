"""Two senders draining one outbox at once (two processes' worth of engines): every message
is sent by exactly one of them."""

from __future__ import annotations

import threading

import pytest

from service.db import db
from service.mail import outbox
from service.mail.delivery import drain
from tests.conftest import make_app
from tests.mailhelp import JEFFERSON, KY, SmtpSink, change, subscribe_many


@pytest.fixture
def sink():
    server = SmtpSink().start()
    server.recorder.delay = 0.002
    yield server
    server.stop()


def test_two_senders_share_the_outbox_and_send_nothing_twice(database_url, tmp_path, sink):
    options = {"SMTP_URL": sink.url, "MAIL_BATCH": "10"}
    apps = [make_app(database_url, tmp_path / name, **options) for name in "ab"]
    addresses = [f"reader{n}@example.com" for n in range(200)]
    with apps[0].app_context():
        subscribe_many(db.session, addresses, JEFFERSON)
        db.session.add(change(KY))
        db.session.commit()
    tallies, start = {}, threading.Barrier(2)

    def sender(app, name):
        start.wait()
        tallies[name] = drain(app)

    threads = [
        threading.Thread(target=sender, args=(app, n)) for app, n in zip(apps, "ab", strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert tallies["a"].sent + tallies["b"].sent == 200
    assert tallies["a"].sent > 0 and tallies["b"].sent > 0  # both took part
    assert sink.recipients() == {address: 1 for address in addresses}
    with apps[0].app_context():
        assert outbox.counts(db.session) == {"sent": 200}
    for app in apps:
        with app.app_context():
            db.engine.dispose()
