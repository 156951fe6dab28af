"""The Board's statistics of "Am I a carer?": /<lang>/staff/questionnaire-statistics (and its CSV), for board
viewers. Only protected counts are ever shown or exported (app/questionnaire/stats.py)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template
from flask_babel import lazy_gettext as _l

from app.auth.access import private_page, roles_required
from app.auth.staff_home import StaffTask, add_task
from app.i18n import languages
from app.questionnaire import board, registry, stats
from app.questionnaire.pages import make_texts
from app.questionnaire.views import today

bp = Blueprint("questionnaire_staff", __name__, url_prefix="/<lang>/staff")
bp.after_request(private_page)

add_task(
    StaffTask(
        "questionnaire_staff.statistics",
        _l("“Am I a carer?” statistics"),
        _l("How many people reached a result each week, in which language, and which kinds of support it showed."),
        "board-viewer",
    )
)


def _tables() -> stats.BoardTables:
    q = registry.get()
    return stats.board_tables(q.definition.id, list(languages()), [o.id for o in q.definition.outcomes])


@bp.get("/questionnaire-statistics")
@roles_required("board-viewer")
def statistics():
    q = registry.get()
    tables = _tables()
    texts = make_texts(q, g.lang, today())
    labels = {}
    for outcome in tables.outcomes:
        if outcome in q.definition.outcome_by_id:
            shown = texts(f"outcomes.{outcome}.title")
            labels[outcome] = (shown.text, None if shown.lang == g.lang else shown.lang)
    rtl = languages()[g.lang].dir == "rtl"
    return render_template(
        "questionnaire/statistics.html",
        tables=tables,
        total=stats.TOTAL,
        labels=labels,
        cell_text=board.cell_text,
        weekly_chart=board.weekly_chart(tables, today(), rtl),
        outcome_chart=board.outcome_chart(tables, labels, rtl),
        site_languages=languages(),
    )


# The format is a URL variable (only "csv" exists) so that the staff-route test's example URLs reach the role
# check; the static part stays kebab-case.
@bp.get("/questionnaire-statistics.<fmt>")
@roles_required("board-viewer")
def statistics_export(fmt: str):
    if fmt != "csv":
        abort(404)
    response = Response(board.csv_text(_tables()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="questionnaire-statistics.csv"'
    return response
