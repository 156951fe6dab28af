"""“Email these results to me”: the result as plain text in the page's language, sent through the shortlist's
mailer (app/shortlist/mailer.py) and its address rules (app/shortlist/forms.py).

The address is read from the form, used to send and dropped: it is never stored, put in the session or logged
(the mailer logs only the class of a failure), and a success ends in a redirect, so it is not even kept in the
browser's history of form posts.
"""

from __future__ import annotations

from urllib.parse import urljoin

from flask import current_app, render_template, request

from app.questionnaire.texts import Texts
from app.shortlist.forms import ADDRESS, ADDRESS_MAX
from app.shortlist.mailer import MailSettings, Problem, send_text

FIELD = "email"


def available() -> bool:
    return MailSettings.from_config(current_app.config).configured


def check_address(raw: str | None) -> tuple[str | None, str | None]:
    """(the address, None), or (None, the `texts` key of what is wrong with it)."""
    address = (raw or "").strip()
    if not address:
        return None, "email-missing"
    if len(address) > ADDRESS_MAX or not ADDRESS.match(address):
        return None, "email-invalid"
    return address, None


def result_text(context: dict) -> str:
    """The result page's content as plain text, every link written out in full."""
    return render_template("questionnaire/result.txt", absolute=lambda href: urljoin(request.url_root, href), **context)


def send_result(address: str, texts: Texts, context: dict, lang: str) -> Problem | None:
    return send_text(address, texts("texts.email-subject").text, result_text(context), lang)
