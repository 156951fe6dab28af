"""Sending a list by email through the SMTP relay in the settings (MAIL_SERVER, MAIL_PORT, MAIL_USE_TLS,
MAIL_USERNAME, MAIL_PASSWORD, MAIL_FROM, MAIL_TIMEOUT), with the standard library only.

The address is used to send and then forgotten: it is never stored, put in the session or logged. A failure
is logged by its exception class alone, because smtplib's messages quote the refused recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from app.i18n import languages
from app.shortlist.list import ListItem

Problem = Literal["not-configured", "failed"]


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    use_tls: bool
    username: str
    password: str
    sender: str
    timeout: float

    @classmethod
    def from_config(cls, config) -> MailSettings:
        return cls(
            server=config.get("MAIL_SERVER") or "",
            port=int(config.get("MAIL_PORT") or 25),
            use_tls=bool(config.get("MAIL_USE_TLS")),
            username=config.get("MAIL_USERNAME") or "",
            password=config.get("MAIL_PASSWORD") or "",
            sender=config.get("MAIL_FROM") or "",
            timeout=float(config.get("MAIL_TIMEOUT") or 10),
        )

    @property
    def configured(self) -> bool:
        return bool(self.server and self.sender)


def build_message(sender: str, to: str, subject: str, body: str, lang: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(" >") or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message.set_content(body, charset="utf-8")
    message["Content-Language"] = lang  # after set_content, which drops Content-* headers
    return message


def send_text(to: str, subject: str, body: str, lang: str, settings: MailSettings | None = None) -> Problem | None:
    """Send a plain-text email; None when the relay accepted it, else what went wrong."""
    settings = settings or MailSettings.from_config(current_app.config)
    if not settings.configured:
        return "not-configured"
    try:
        message = build_message(settings.sender, to, subject, body, lang)
    except (ValueError, IndexError, TypeError) as exc:  # the header parser's ways of refusing an address
        current_app.logger.warning("Shortlist email not built: %s", type(exc).__name__)
        return "failed"
    try:
        with smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout) as smtp:
            if settings.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, settings.password)
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        current_app.logger.warning("Shortlist email not sent: %s", type(exc).__name__)
        return "failed"
    return None


def send_list(to: str, items: Sequence[ListItem], lang: str) -> Problem | None:
    """Email the list as plain text in `lang` (the subject is the list's title in that language)."""
    from app.shortlist.outputs import render_outputs

    output = render_outputs(items, lang, "text")
    with force_locale(languages()[lang].locale):
        footer = _(
            "You asked for this list on %(site)s. We have not kept your email address.",
            site=url_for("pages.home", lang=lang, _external=True),
        )
    return send_text(to, output.title, f"{output.body}\n\n{footer}\n", lang)
