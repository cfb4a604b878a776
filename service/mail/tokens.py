"""Signed links in emails: confirm a sign-up, manage or leave a subscription.

A token is the subscription id and a random nonce stored with it, signed with SECRET_KEY and
a salt per purpose (itsdangerous), so it can be neither guessed nor forged, nor used for the
other purpose. A confirmation token expires after CONFIRM_TOKEN_HOURS and works once: its
nonce is cleared when it is used. A manage token works while its subscription exists.
"""

from __future__ import annotations

import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM, MANAGE = "kratom-confirm", "kratom-manage"


class TokenError(Exception):
    """A link that cannot be used; `reason` is `expired`, `invalid` (forged or damaged),
    `used`, or `gone` (its subscription no longer exists)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def make(purpose: str, subscription_id: int, nonce: str) -> str:
    return _serializer(purpose).dumps([subscription_id, nonce])


def read(purpose: str, token: str, max_age: int | None = None) -> tuple[int, str]:
    """The (subscription id, nonce) a token carries, or TokenError."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenError("expired") from None
    except BadSignature:
        raise TokenError("invalid") from None
    match payload:
        case [int() as subscription_id, str() as nonce]:
            return subscription_id, nonce
    raise TokenError("invalid")


def same_nonce(stored: str | None, given: str) -> bool:
    return stored is not None and hmac.compare_digest(stored.encode(), given.encode())


def confirm_max_age() -> int:
    return current_app.config["CONFIRM_TOKEN_HOURS"] * 3600
