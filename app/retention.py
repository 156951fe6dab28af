"""What the site keeps about people and for how long: one registry (ITEMS) from which the privacy notice's
table is generated and which `flask purge` (app/purge.py) enforces, with the periods in RETENTION_DAYS, so the
notice and the deletion cannot drift apart.

A feature that keeps records about people adds one RetentionItem here (its model, the column that dates each
row, its RETENTION_DAYS key and the notice's wording) and a period to RETENTION_DAYS in app/config.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.auth.models import AuditEvent, SignInEvent
from app.feedback.models import Feedback
from app.questionnaire.models import QuestionnaireCount
from app.search.models import ZeroResultSearch


@dataclass(frozen=True)
class RetentionItem:
    key: str  # in RETENTION_DAYS; also names the kind in `flask purge` output
    model: type  # a db.Model
    dated_by: str  # the model's naive-UTC timestamp column: rows older than the period are deleted
    what: object  # the privacy notice's wording (lazy_gettext)
    why: object

    @property
    def timestamp(self):
        return getattr(self.model, self.dated_by)


ITEMS = [
    RetentionItem(
        key="feedback",
        model=Feedback,
        dated_by="at",
        what=_l(
            "Answers to “Was this page useful?”: the page, the answer, any comment and the date. "
            "No name, email or IP address."
        ),
        why=_l("To improve the pages."),
    ),
    RetentionItem(
        key="sign_in_events",
        model=SignInEvent,
        dated_by="at",
        what=_l("Staff sign-in attempts: the account, the time and whether it worked."),
        why=_l("To protect staff accounts from people guessing passwords."),
    ),
    RetentionItem(
        key="audit_log",
        model=AuditEvent,
        dated_by="at",
        what=_l("Changes staff make: who changed what, and when."),
        why=_l("So that every change to the site can be checked."),
    ),
    RetentionItem(
        key="questionnaire_counts",
        model=QuestionnaireCount,
        dated_by="week_start",
        what=_l(
            "Counts of how many people reached the result of “Am I a carer?” each week, by language and by "
            "the kinds of support shown. No answers, no name, no IP address and nothing that could tell who used it."
        ),
        why=_l("To tell the Carers Board how the questionnaire is used, in which languages, and what it suggests."),
    ),
    RetentionItem(
        key="zero_result_searches",
        model=ZeroResultSearch,
        dated_by="at",
        what=_l(
            "Searches on this site that found nothing: the words searched for, the language and the date. "
            "Nothing about who searched: no name, IP address or cookie."
        ),
        why=_l("To find out what people need that the directory does not have yet."),
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
