"""Settings of change emails: links, the mail server, sending, tokens and sign-up limits."""

from __future__ import annotations

from service.mail.smtp_url import parse_smtp_url

from . import parsers
from .setting import Setting

MAIL = (
    Setting(
        "PUBLIC_URL",
        None,
        "Base URL of the site, used for links in emails. Default: http://127.0.0.1 on the "
        "port in PORT (5000 without it). Production must use https (RFC 8058 one-click "
        "unsubscribe needs an https link).",
        parsers.public_url,
    ),
    Setting(
        "SMTP_URL",
        None,
        "Mail server: smtp://host:25, smtp://user:pass@host:587?starttls=1 or "
        "smtps://user:pass@host:465 (cafile=PATH trusts a private CA). Unset: messages are "
        "written as .eml files under instance/outbox/.",
        parse_smtp_url,
    ),
    Setting(
        "MAIL_FROM",
        "Kratom law by place <updates@localhost>",
        "Sender of every email; its domain also names the Message-IDs.",
        parsers.mail_from,
    ),
    Setting("MAIL_SEND_SECONDS", 5, "How often the clock drains the outbox.", parsers.positive_int),
    Setting("MAIL_BATCH", 100, "Messages one sender claims at a time.", parsers.positive_int),
    Setting(
        "MAIL_LEASE_SECONDS",
        300,
        "How long a sender's claim on a batch lasts; a crashed sender's batch is taken over "
        "after this.",
        parsers.positive_int,
    ),
    Setting(
        "MAIL_RETRY_SECONDS",
        60.0,
        "Wait before retrying a temporary failure; doubles with each attempt (up to 6 h).",
        parsers.seconds,
    ),
    Setting(
        "MAIL_MAX_ATTEMPTS",
        10,
        "Attempts before a message that keeps failing temporarily is given up.",
        parsers.positive_int,
    ),
    Setting(
        "MAIL_BOUNCE_LIMIT",
        3,
        "Hard bounces (5xx answers) in a row that pause a subscription.",
        parsers.positive_int,
    ),
    Setting("SMTP_TIMEOUT_SECONDS", 30.0, "Timeout of one SMTP exchange.", parsers.timeout),
    Setting(
        "MAIL_UPKEEP_MINUTES",
        60,
        "How often the clock queues week-ahead reminders and purges old sign-ups and mail.",
        parsers.positive_int,
    ),
    Setting(
        "CONFIRM_TOKEN_HOURS",
        48,
        "How long a confirmation link works.",
        parsers.positive_int,
    ),
    Setting(
        "SIGNUP_PURGE_DAYS",
        3,
        "Unconfirmed sign-ups are deleted after this many days.",
        parsers.positive_int,
    ),
    Setting(
        "SUBSCRIBE_RATE_LIMIT",
        "10/hour",
        "Sign-up requests allowed per client IP address (the form and the API).",
        parsers.rate,
    ),
    Setting(
        "SUBSCRIBE_ADDRESS_RATE_LIMIT",
        "3/hour;5/day",
        "Sign-up requests allowed per email address, whoever sends them.",
        parsers.rate,
    ),
)
