"""Sending the list by email, on SQLite and PostgreSQL, through a real SMTP server the tests start (aiosmtpd on
127.0.0.1): the message that arrives (subject, body, UTF-8, language), that nothing about the address is kept
(database, session, logs, the page after), a server that is down or refuses, bad addresses, an empty list,
no mail settings, and the rate limit."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from sqlalchemy import inspect, text

from app.extensions import db, limiter
from tests.conftest import _make_app
from tests.support.i18n_text import squash, translated
from tests.support.page_checks import check_page, get_page
from tests.support.shortlist_data import (  # noqa: F401 - limits_off_as_configured is autouse
    add,
    csrf_token,
    limits_off_as_configured,
    make_records,
)

ADDRESS = "carer.test+list@example.com"
TITLE = "Your list of services and information"
SENDER = "Care and Support in Camden <no-reply@example.org>"
FOOTER = "You asked for this list on %(site)s. We have not kept your email address."
NOT_SENT = "Your list could not be sent. Try again in a few minutes, or copy your list as text instead."


class Inbox:
    """An aiosmtpd handler that keeps what it receives, and can refuse every recipient."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def parsed(self, index: int = -1):
        return email.message_from_bytes(self.messages[index][2], policy=policy.default)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def _configure(app, monkeypatch, port: int) -> None:
    for key, value in {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_USE_TLS": False,
        "MAIL_FROM": SENDER,
        "MAIL_TIMEOUT": 5,
    }.items():
        monkeypatch.setitem(app.config, key, value)


@pytest.fixture
def mail(any_app, monkeypatch, smtp_server):
    controller, inbox = smtp_server
    _configure(any_app, monkeypatch, controller.port)
    return inbox


@pytest.fixture
def records(any_app, any_client):
    records = make_records()
    add(any_client, records.hub.id)
    add(any_client, records.bare.id)
    return records


def _send(client, lang: str, address: str = ADDRESS, **extra):
    data = {"csrf_token": csrf_token(client), "email": address, **extra}
    return client.post(f"/{lang}/shortlist/email", data=data)


def _nothing_kept(client, address: str) -> None:
    """The address is in no table of the database, not in the session, and not in the page after."""
    found = []
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            if address.lower() in repr(tuple(row)).lower():
                found.append(table)
    assert not found, f"the address was stored in {found}"
    with client.session_transaction() as session:
        assert address not in repr(dict(session))
    assert address not in client.get("/en/shortlist/email").get_data(as_text=True)


def test_the_email_page_has_a_labelled_address_field_and_the_language(records, mail, any_client):
    soup = get_page(any_client, "/en/shortlist/email")
    form = soup.select_one("main form[method=post]")
    assert form["action"] == "/en/shortlist/email"
    field = form.select_one("input#email")
    assert (field["type"], field["name"], field["autocomplete"]) == ("email", "email", "email")
    assert field.get("value", "") == ""
    assert soup.select_one("label[for=email]").get_text(strip=True) == "Email address"
    assert "do not keep it" in squash(soup.select_one("#email-hint").get_text())
    assert form.select_one("select#output-language option[selected]")["value"] == "en"


def test_sending_in_bengali_delivers_a_utf8_message_and_keeps_nothing(records, mail, any_client, caplog):
    app = any_client.application
    response = _send(any_client, "bn")
    assert response.status_code == 303
    assert response.headers["Location"] == "/bn/shortlist/email?language=bn"

    [(sender, recipients, _raw)] = mail.messages
    assert recipients == [ADDRESS]
    assert sender == "no-reply@example.org"
    message = mail.parsed()
    assert message["Subject"] == translated(app, "bn", TITLE)
    assert message["To"] == ADDRESS
    assert message["Content-Language"] == "bn"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert body.startswith(translated(app, "bn", TITLE))
    assert "1. Carers Test Hub" in body and "2. Test Befriending" in body
    assert translated(app, "bn", "Phone: %(number)s", number="020 7000 0001") in body
    assert f"http://localhost/bn/services/{records.hub.id}" in body
    assert translated(app, "bn", FOOTER, site="http://localhost/bn/") in body

    soup = get_page(any_client, "/bn/shortlist/email?language=bn")
    panel = soup.select_one(".govuk-panel")
    assert squash(panel.select_one("h2").get_text()) == translated(app, "bn", "Sent")
    assert get_page(any_client, "/bn/shortlist/email").select_one(".govuk-panel") is None, "said once"
    _nothing_kept(any_client, ADDRESS)
    assert ADDRESS not in caplog.text


def test_an_english_page_can_send_the_list_in_arabic(records, mail, any_client):
    response = _send(any_client, "en", language="ar")
    assert response.status_code == 303
    message = mail.parsed()
    assert message["Subject"] == translated(any_client.application, "ar", TITLE)
    assert message["Content-Language"] == "ar"
    assert f"http://localhost/ar/services/{records.hub.id}" in message.get_content()


def test_smtp_down_shows_an_error_and_the_reader_can_try_again(records, any_app, any_client, monkeypatch, caplog):
    _configure(any_app, monkeypatch, _free_port())  # nothing listens there
    response = _send(any_client, "ar")
    assert response.status_code == 503
    soup = check_page(response.get_data(as_text=True), lang="ar", dir="rtl")
    summary = squash(soup.select_one(".govuk-error-summary").get_text())
    assert translated(any_app, "ar", NOT_SENT) in summary
    # The address stays in the form of this one response, so the reader can send again; nothing keeps it.
    assert soup.select_one("input#email")["value"] == ADDRESS
    assert ADDRESS not in caplog.text
    _nothing_kept(any_client, ADDRESS)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        _configure(any_app, monkeypatch, controller.port)
        assert _send(any_client, "ar").status_code == 303
    finally:
        controller.stop()
    assert len(inbox.messages) == 1


def test_a_refused_recipient_is_an_error_and_is_not_logged(records, mail, any_client, caplog):
    mail.refuse = True
    response = _send(any_client, "en")
    assert response.status_code == 503
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    assert NOT_SENT in squash(soup.select_one(".govuk-error-summary").get_text())
    assert mail.messages == []
    assert "Shortlist email not sent: SMTPRecipientsRefused" in caplog.text
    assert ADDRESS not in caplog.text


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Enter an email address"),
        ("   ", "Enter an email address"),
        ("not an address", "Enter an email address in the correct format, like name@example.com"),
        ("a@b.com, c@d.com", "Enter an email address in the correct format, like name@example.com"),
        ("a@b.com\r\nBcc: c@d.com", "Enter an email address in the correct format, like name@example.com"),
        ("x" * 250 + "@example.com", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_bad_addresses_are_refused_with_a_message(records, mail, any_client, address, message):
    response = _send(any_client, "en", address)
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    link = soup.select_one(".govuk-error-summary a")
    assert (squash(link.get_text()), link["href"]) == (message, "#email")
    assert message in squash(soup.select_one("#email-error").get_text())
    assert mail.messages == []


def test_an_empty_list_is_not_sent(any_app, mail, any_client):
    response = _send(any_client, "en")
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    assert "Your list is empty" in squash(soup.select_one(".govuk-error-summary").get_text())
    assert mail.messages == []


def test_without_mail_settings_the_page_offers_the_other_ways(records, any_client):
    soup = get_page(any_client, "/en/shortlist/email")
    assert soup.select_one("input#email") is None
    assert "not working at the moment" in squash(soup.select_one("main").get_text())
    assert soup.select_one('main a[href="/en/shortlist/text"]') is not None
    response = _send(any_client, "en")
    assert response.status_code == 503
    check_page(response.get_data(as_text=True), lang="en", dir="ltr")


@pytest.fixture
def limited_app(tmp_path):
    enabled = limiter.enabled
    app = _make_app(
        f"sqlite:///{tmp_path / 'limited.sqlite3'}", RATELIMIT_ENABLED=True, SHORTLIST_EMAIL_RATE_LIMIT="2 per minute"
    )
    yield app
    limiter.enabled = enabled  # one limiter for every app in the process: put its switch back


def test_sending_is_rate_limited(limited_app):
    client = limited_app.test_client()
    statuses = [_send(client, "en").status_code for _ in range(3)]
    assert statuses == [503, 503, 429]  # no mail settings here: refused, but counted
    soup = BeautifulSoup(client.get("/en/shortlist/email").get_data(as_text=True), "html5lib")
    assert soup.find("h1") is not None, "reading the page is never limited"
