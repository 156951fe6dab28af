"""What the site's own words are in a language, according to its catalogs, for comparing with rendered pages.

Tests ask the catalogs rather than hard-coding English, so they hold before and after a catalog lands.
"""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def translated(app, lang: str, msgid: str, **variables) -> str:
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return squash(gettext(msgid, **variables))


def status_text(app, lang: str, status: str) -> str:
    from app.translation_status import status_label

    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return squash(status_label(status))
