"""SMTP with STARTTLS or implicit TLS and AUTH, against aiosmtpd on loopback with a
certificate made for the test (needs the openssl command)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from service.mail.smtp_url import parse_smtp_url
from service.mail.transports import SmtpTransport, TransportDown
from tests.mailhelp import SmtpSink


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def only_mailer(server, session, envelope, mechanism, auth_data):
    good = isinstance(auth_data, LoginPassword) and auth_data == (b"mailer", b"s3cret")
    return AuthResult(success=good, handled=False)


@pytest.fixture
def starttls_sink(certificate):
    _, context = certificate
    sink = SmtpSink(
        tls_context=context,
        require_starttls=True,
        authenticator=only_mailer,
        auth_require_tls=True,
    ).start()
    yield sink
    sink.stop()


def letter() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = "updates@example.org", "ann@example.com"
    message["Subject"], message["Message-ID"] = "Test", "<test.1@example.org>"
    message.set_content("hello")
    return message


def transport(url: str) -> SmtpTransport:
    return SmtpTransport(parse_smtp_url(url), timeout=5)


def send_once(url: str):
    connection = transport(url).open()
    try:
        return connection.send(letter())
    finally:
        connection.close()


def test_starttls_then_auth_delivers(starttls_sink, certificate):
    cert, _ = certificate
    url = f"smtp://mailer:s3cret@127.0.0.1:{starttls_sink.port}?starttls=1&cafile={cert}"
    assert send_once(url).result == "sent"
    assert [m["To"] for m in starttls_sink.messages] == ["ann@example.com"]


def test_a_wrong_password_or_an_untrusted_certificate_is_a_clear_failure(
    starttls_sink, certificate
):
    cert, _ = certificate
    with pytest.raises(TransportDown, match="535"):
        transport(
            f"smtp://mailer:nope@127.0.0.1:{starttls_sink.port}?starttls=1&cafile={cert}"
        ).open()
    with pytest.raises(TransportDown, match="CERTIFICATE_VERIFY_FAILED"):
        transport(f"smtp://mailer:s3cret@127.0.0.1:{starttls_sink.port}?starttls=1").open()
    assert starttls_sink.messages == []


def test_implicit_tls_delivers(certificate):
    cert, context = certificate
    # aiosmtpd does not count implicit TLS as TLS for its AUTH rule; the socket is TLS.
    sink = SmtpSink(ssl_context=context, authenticator=only_mailer, auth_require_tls=False)
    sink.start()
    try:
        outcome = send_once(f"smtps://mailer:s3cret@127.0.0.1:{sink.port}?cafile={cert}")
        assert outcome.result == "sent"
        assert len(sink.messages) == 1
    finally:
        sink.stop()
