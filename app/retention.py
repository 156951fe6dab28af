"""What the site keeps about people and for how long. The privacy notice shows this table and
`flask purge` enforces it, from the same settings (RETENTION_DAYS), so the two cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext


@dataclass(frozen=True)
class RetentionItem:
    key: str  # in RETENTION_DAYS
    what: object
    why: object


ITEMS = [
    RetentionItem(
        "feedback",
        _l(
            "Answers to “Was this page useful?”: the page, the answer, any comment and the date. No name, email or IP address."
        ),
        _l("To improve the pages."),
    ),
    RetentionItem(
        "sign_in_events",
        _l("Staff sign-in attempts: the account, the time and whether it worked."),
        _l("To protect staff accounts from people guessing passwords."),
    ),
    RetentionItem(
        "audit_log",
        _l("Changes staff make: who changed what, and when."),
        _l("So that every change to the site can be checked."),
    ),
]


@dataclass(frozen=True)
class RetentionRow:
    what: str
    why: str
    how_long: str


def retention_rows() -> list[RetentionRow]:
    days = current_app.config["RETENTION_DAYS"]
    rows = []
    for item in ITEMS:
        n = days[item.key]
        rows.append(RetentionRow(str(item.what), str(item.why), ngettext("%(num)d day", "%(num)d days", n)))
    return rows
