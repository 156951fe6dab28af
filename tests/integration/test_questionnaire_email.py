"""“Email these results to me”, on SQLite and PostgreSQL, through a real SMTP server the tests start (aiosmtpd on
127.0.0.1, as the shortlist's tests do): the message, that the address is kept nowhere, bad addresses, a server
that refuses, no mail settings, and the form only when the site can send."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import inspect, text

from app.extensions import db
from tests.integration.test_questionnaire_support import RESULT, answer_all, checked, location, page, token
from tests.unit.test_questionnaire_outcomes import CARER

ADDRESS = "carer.test+results@example.com"
SENDER = "Care and Support in Camden <no-reply@example.org>"
EMAIL = "/{lang}/am-i-a-carer/email-results"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.original_content)
        return "250 Message accepted for delivery"

    def parsed(self):
        return email.message_from_bytes(self.messages[-1], policy=policy.default)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail(any_app, monkeypatch):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_USE_TLS": False, "MAIL_FROM": SENDER}
    for key, value in {**settings, "MAIL_TIMEOUT": 5, "QUESTIONNAIRE_TODAY": dt.date(2026, 11, 23)}.items():
        monkeypatch.setitem(any_app.config, key, value)
    try:
        yield inbox
    finally:
        controller.stop()


def _send(client, lang: str, address: str = ADDRESS):
    soup = page(client, RESULT.format(lang=lang))
    return client.post(EMAIL.format(lang=lang), data={"csrf_token": token(soup), "email": address})


def test_the_form_is_there_only_when_the_site_can_send(any_app, any_client, monkeypatch):
    monkeypatch.setitem(any_app.config, "MAIL_SERVER", "")
    soup = answer_all(any_client, "en", CARER)
    assert soup.select_one("#email-form") is None
    monkeypatch.setitem(any_app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(any_app.config, "MAIL_FROM", SENDER)
    form = page(any_client, RESULT.format(lang="en")).select_one("#email-form")
    assert form["action"] == EMAIL.format(lang="en")
    field = form.select_one("input#email")
    assert (field["type"], field["autocomplete"]) == ("email", "email")
    assert "We do not keep it" in form.get_text()


def test_sending_delivers_the_result_as_text_and_keeps_nothing(mail, any_client, caplog):
    answer_all(any_client, "en", CARER)
    response = _send(any_client, "en")
    assert response.status_code == 303
    assert location(response) == RESULT.format(lang="en")
    message = mail.parsed()
    assert message["To"] == ADDRESS
    assert message["Subject"] == 'Your results from "Am I a carer?"'
    assert message["Content-Language"] == "en"
    assert message.get_content_type() == "text/plain"
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("You may be a carer\n\nYour answers suggest that you may be a carer.")
    assert "\n>" not in body, "no line is mangled (a line starting 'From ' gets a '>' from smtplib)"
    assert "Carer's Allowance is £86.45 a week (from 6 April 2026)." in body
    assert "http://localhost/en/carers/carer-conversations" in body
    assert "call Adult Social Care on 020 7974 4000" in body
    assert "<" not in body.replace("<no-reply", ""), "plain text, no HTML"
    assert "You asked for these results on http://localhost/en/. We have not kept your email address." in body

    soup = page(any_client, RESULT.format(lang="en"))
    assert "We have sent your results" in soup.select_one(".govuk-notification-banner").get_text()
    assert page(any_client, RESULT.format(lang="en")).select_one(".govuk-notification-banner") is None, "said once"
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            assert ADDRESS not in repr(tuple(row)), f"the address was stored in {table}"
    with any_client.session_transaction() as session:
        assert ADDRESS not in repr(dict(session))
    assert ADDRESS not in str(soup)
    assert ADDRESS not in caplog.text


def test_sending_from_an_arabic_page_marks_the_language(mail, any_client):
    answer_all(any_client, "ar", CARER)
    assert _send(any_client, "ar").status_code == 303
    message = mail.parsed()
    assert message["Content-Language"] == "ar"
    assert "http://localhost/ar/carers/carer-conversations" in message.get_content()


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("", "Enter an email address"),
        ("not an address", "Enter an email address in the correct format"),
        ("a@b.com, c@d.com", "Enter an email address in the correct format"),
        ("x@example.com\r\nBcc: y@example.com", "Enter an email address in the correct format"),
    ],
)
def test_a_bad_address_is_an_error_and_sends_nothing(mail, any_client, address, error):
    answer_all(any_client, "en", CARER)
    response = _send(any_client, "en", address)
    assert response.status_code == 400
    soup = checked(any_client, response, RESULT.format(lang="en"))
    summary = soup.select_one(".govuk-error-summary")
    assert error in summary.get_text() and summary.find("a")["href"] == "#email"
    assert soup.select_one("#email-error") is not None
    assert not mail.messages


def test_a_server_that_refuses_says_so_and_the_reader_can_try_again(mail, any_client):
    answer_all(any_client, "en", CARER)
    mail.refuse = True
    response = _send(any_client, "en")
    assert response.status_code == 503
    soup = checked(any_client, response, RESULT.format(lang="en"))
    assert "could not be sent" in soup.select_one(".govuk-error-summary").get_text()
    assert ADDRESS not in str(soup)
    mail.refuse = False
    assert _send(any_client, "en").status_code == 303


def test_no_result_no_email(mail, any_client):
    soup = page(any_client, "/en/am-i-a-carer/questions/helps-someone")
    response = any_client.post(EMAIL.format(lang="en"), data={"csrf_token": token(soup), "email": ADDRESS})
    assert location(response) == "/en/am-i-a-carer/questions/helps-someone"
    assert not mail.messages


def test_a_missing_csrf_token_goes_back_to_the_result_with_a_message(mail, any_client):
    answer_all(any_client, "en", CARER)
    response = any_client.post(EMAIL.format(lang="en"), data={"email": ADDRESS})
    assert location(response) == RESULT.format(lang="en")
    assert "This page had expired" in page(any_client, RESULT.format(lang="en")).get_text()
    assert not mail.messages
