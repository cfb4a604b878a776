"""Where composed messages go: an SMTP server (`SMTP_URL`), or `.eml` files by default.

A transport opens a connection (or raises TransportDown) whose `send` answers each message
with an Outcome: `sent`, `retry` (4xx, a lost connection, a timeout) or `bounce` (5xx: the
server refused this recipient or message for good).
"""

from __future__ import annotations

import hashlib
import os
import smtplib
import socket
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import NamedTuple

from .smtp_url import SmtpSettings


class Outcome(NamedTuple):
    result: str  # sent | retry | bounce
    reason: str = ""
    connection_lost: bool = False


SENT = Outcome("sent")


class TransportDown(Exception):
    """No connection to the mail server; every message of the batch waits for the next try."""


class FileTransport:
    """Writes each message to `<folder>/<hash of its Message-ID>.eml`: sending one again
    replaces the file, so the folder never holds a message twice."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def open(self) -> FileTransport:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def send(self, message: EmailMessage) -> Outcome:
        name = hashlib.sha256(message["Message-ID"].encode()).hexdigest()[:32] + ".eml"
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(bytes(message))
        os.replace(temporary, self.folder / name)
        return SENT

    def close(self) -> None:
        pass


def _answer(code: int, text) -> Outcome:
    reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    if 500 <= code < 600:
        return Outcome("bounce", reason)
    return Outcome("retry", reason, connection_lost=code == 421)


class SmtpConnection:
    def __init__(self, smtp: smtplib.SMTP):
        self.smtp = smtp

    def send(self, message: EmailMessage) -> Outcome:
        try:
            self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return _answer(code, text)
        except smtplib.SMTPSenderRefused as exc:  # our sender, not the reader's address
            return Outcome("retry", f"sender refused: {exc.smtp_code} {exc.smtp_error!r}")
        except smtplib.SMTPResponseException as exc:
            return _answer(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:
            return Outcome("retry", f"connection lost: {exc or type(exc).__name__}", True)
        return SENT

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()


class SmtpTransport:
    def __init__(self, settings: SmtpSettings, timeout: float):
        self.settings, self.timeout = settings, timeout

    def open(self) -> SmtpConnection:
        try:
            return SmtpConnection(self._connect())
        except (smtplib.SMTPException, OSError) as exc:
            raise TransportDown(f"cannot reach {self.settings!r}: {exc}") from None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context(cafile=s.cafile) if s.tls != "none" else None
        # An explicit EHLO name: the default looks the host up in DNS, which may hang.
        options = {"timeout": self.timeout, "local_hostname": socket.gethostname()}
        if s.tls == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, context=context, **options)
        else:
            smtp = smtplib.SMTP(s.host, s.port, **options)
        try:
            if s.tls == "starttls":
                smtp.starttls(context=context)
            if s.user:
                smtp.login(s.user, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


def transport_for(app) -> FileTransport | SmtpTransport:
    """SMTP when SMTP_URL is set; otherwise files in instance/outbox/."""
    if app.config["SMTP_URL"] is None:
        return FileTransport(Path(app.instance_path) / "outbox")
    return SmtpTransport(app.config["SMTP_URL"], app.config["SMTP_TIMEOUT_SECONDS"])
