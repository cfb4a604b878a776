"""Mail settings: SMTP_URL, PUBLIC_URL, MAIL_FROM and the sign-up rate limits."""

from __future__ import annotations

import pytest

from service.config import ConfigError, settings_from_env
from service.mail.smtp_url import parse_smtp_url


def test_smtp_urls_of_every_kind():
    plain = parse_smtp_url("smtp://relay.internal")
    assert (plain.host, plain.port, plain.tls, plain.user) == ("relay.internal", 25, "none", None)
    submission = parse_smtp_url("smtp://ann%40example.org:p%2Fss@mail.example.org:587?starttls=1")
    assert (submission.port, submission.tls) == (587, "starttls")
    assert (submission.user, submission.password) == ("ann@example.org", "p/ss")
    implicit = parse_smtp_url("smtps://u:p@mail.example.org")
    assert (implicit.port, implicit.tls) == (465, "ssl")


def test_the_password_stays_out_of_reprs():
    settings = parse_smtp_url("smtps://user:hunter2@mail.example.org")
    assert "hunter2" not in repr(settings) and "user@mail.example.org:465" in repr(settings)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("http://mail.example.org", "must look like"),
        ("smtp://", "must look like"),
        ("smtp://host:99999", "port"),
        ("smtp://u:p@host:25", "credentials need TLS"),
        ("smtps://u:p@host?starttls=1", "TLS already"),
        ("smtp://host?starttls=maybe", "starttls must be"),
        ("smtp://host?tls=1", "unknown option 'tls'"),
        ("smtp://host?cafile=/no/such.pem", "not a file"),
    ],
)
def test_unusable_smtp_urls_say_why(raw, message):
    with pytest.raises(ConfigError) as caught:
        settings_from_env({"SMTP_URL": raw})
    assert message in str(caught.value) and "hunter" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PUBLIC_URL", "kratom.example.org", "http(s) URL"),
        ("PUBLIC_URL", "https://kratom.example.org/?next=x", "http(s) URL"),
        ("MAIL_FROM", "nobody", "address"),
        ("SUBSCRIBE_RATE_LIMIT", "lots", "rate"),
        ("SUBSCRIBE_ADDRESS_RATE_LIMIT", "5 per fortnight", "rate"),
        ("CONFIRM_TOKEN_HOURS", "0", "positive"),
    ],
)
def test_unusable_mail_settings_name_themselves(name, value, message):
    with pytest.raises(ConfigError) as caught:
        settings_from_env({name: value})
    assert str(caught.value).startswith(f"{name}=") and message in str(caught.value)


def test_defaults_write_files_and_link_to_the_local_site():
    values = settings_from_env({})
    assert values["SMTP_URL"] is None
    assert values["PUBLIC_URL"] == "http://127.0.0.1:5000"
    assert settings_from_env({"PUBLIC_URL": "https://k.example.org/"})["PUBLIC_URL"] == (
        "https://k.example.org"
    )


def test_links_follow_the_port_when_public_url_is_unset():
    assert settings_from_env({"PORT": "5101"})["PUBLIC_URL"] == "http://127.0.0.1:5101"
    both = {"PORT": "5101", "PUBLIC_URL": "https://k.example.org"}
    assert settings_from_env(both)["PUBLIC_URL"] == "https://k.example.org"
    with pytest.raises(ConfigError, match="PORT='x1'"):
        settings_from_env({"PORT": "x1"})
