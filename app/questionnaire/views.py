"""“Am I a carer?”: /<lang>/am-i-a-carer/…, one question per page.

Each question is a plain form posted to its own URL (JavaScript off: 303 to the next page, or 400 with a GOV.UK
error summary). htmx enhances it: the same URL answers with the next page's part (or the question again with its
error) to swap in place, and tells htmx which URL to show. A reader is only ever shown or allowed to answer a
question on their own way through; anything else (a later question typed in the address bar, a replayed or
tampered post, answers that expired, a missing CSRF token) sends them to the question that is really next, with
a message, and never gives a wrong result or an error page.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response as BaseResponse

from app.errors import render_error
from app.extensions import htmx, limiter
from app.questionnaire import answers as store
from app.questionnaire import mailing, pages, registry, stats
from app.questionnaire.definition import RESULT
from app.questionnaire.flow import AnswerError, keep_on_way, may_answer, next_step, read_answer, walk
from app.questionnaire.outcomes import decide

bp = Blueprint("questionnaire", __name__, url_prefix="/<lang>/am-i-a-carer")
LONDON = ZoneInfo("Europe/London")


@bp.record_once
def _load(state) -> None:
    registry.init_app(state.app)


def today() -> dt.date:
    """Today in London, or the day the tests set (QUESTIONNAIRE_TODAY) to see the rules in force on it."""
    return current_app.config.get("QUESTIONNAIRE_TODAY") or dt.datetime.now(LONDON).date()


def _texts(q):
    return pages.make_texts(q, g.lang, today())


def _fragment_wanted() -> bool:
    # A history restore asks for the whole page.
    return bool(htmx) and not request.headers.get("HX-History-Restore-Request")


def _page(template: str, context: dict, status: int = 200, push: str | None = None) -> Response:
    """The full page, or for htmx the part that is swapped in (from the same partial), with its title."""
    if _fragment_wanted():
        response = make_response(render_template(f"questionnaire/_{template}.html", fragment=True, **context), status)
        if push:
            response.headers["HX-Push-Url"] = push
    else:
        response = make_response(render_template(f"questionnaire/{template}.html", fragment=False, **context), status)
    return response


def _go(target: str, state: store.State, notice: str | None = None, *, change: bool = False) -> BaseResponse:
    """Redirect to a question (or to check-your-answers, for RESULT), leaving a one-off notice for it."""
    if notice:
        state.notice = notice
        store.save(registry.get().definition, state)
    return redirect(pages.question_url(target, change=change), code=303)


@bp.after_request
def _private(response: Response) -> Response:
    # Pages show the reader's own answers: never cached or stored by a browser or proxy.
    response.headers["Cache-Control"] = "no-store, private"
    response.vary.add("HX-Request")
    return response


@bp.get("")
def start():
    q = registry.get()
    state = store.load(q.definition)
    notice = store.take_notice(q.definition, state)
    context = pages.start_context(q, _texts(q), state.answers, notice)
    return render_template("questionnaire/start.html", **context)


@bp.get("/questions/<question_id>")
def question(question_id: str):
    q = registry.get()
    asked = _question_or_404(q, question_id)
    state = store.load(q.definition)
    if not may_answer(q.definition, state.answers, question_id):
        return _go(walk(q.definition, state.answers).next, state, _off_way_notice(state))
    notice = store.take_notice(q.definition, state)
    change = request.args.get("change") == "yes"
    return _page("question", pages.question_context(q, _texts(q), asked, state.answers, notice=notice, change=change))


@bp.post("/questions/<question_id>")
@limiter.limit(lambda: current_app.config["FORM_RATE_LIMIT"], methods=["POST"])
def answer(question_id: str):
    q = registry.get()
    asked = _question_or_404(q, question_id)
    state = store.load(q.definition)
    change = request.args.get("change") == "yes"
    if not may_answer(q.definition, state.answers, question_id):
        # Not on the reader's way: skipped ahead, replayed from an old page, or their answers expired. Nothing
        # is saved; they go to the question that is next for them.
        return _show_next(q, state, change=False, notice=_off_way_notice(state))
    try:
        chosen = read_answer(asked, request.form.getlist(pages.FIELD))
    except AnswerError:
        sent = tuple(v for v in request.form.getlist(pages.FIELD) if asked.option(v))
        context = pages.question_context(q, _texts(q), asked, state.answers, chosen=sent, error=True, change=change)
        # htmx swaps error responses too, but a 200 keeps a failed-request line out of the browser console.
        return _page("question", context, status=200 if _fragment_wanted() else 400)
    if state.answers.get(question_id) != chosen:
        state.counted = False  # a changed set of answers leads to a new result, counted when reached
    state.answers = {**state.answers, question_id: chosen}
    state.notice = None
    store.save(q.definition, state)
    return _show_next(q, state, change=change, after=asked)


def _question_or_404(q, question_id: str):
    asked = q.definition.by_id.get(question_id)
    if asked is None:
        abort(404)
    return asked


def _off_way_notice(state: store.State) -> str:
    return "notice-expired" if state.notice == "notice-expired" else "notice-skipped"


def _show_next(q, state: store.State, *, change: bool, after=None, notice: str | None = None) -> BaseResponse:
    """After a post: the next question in order (or, when changing an answer from check-your-answers, the
    first question still to answer, then check-your-answers again). A redirect, or for htmx the page itself."""
    way = walk(q.definition, state.answers)
    # In order, through answers already given (shown selected); or, when changing, the first one still to answer.
    target = way.next if change or after is None else next_step(after, state.answers)
    if not _fragment_wanted():
        return _go(target, state, notice, change=change)
    if notice:
        state.notice = None
        store.save(q.definition, state)
    if target == RESULT:
        context = pages.check_answers_context(q, _texts(q), state.answers, notice)
        return _page("check_answers", context, push=url_for("questionnaire.check_answers"))
    context = pages.question_context(
        q, _texts(q), q.definition.by_id[target], state.answers, notice=notice, change=change
    )
    return _page("question", context, push=pages.question_url(target, change=change))


@bp.get("/check-your-answers")
def check_answers():
    q = registry.get()
    state = store.load(q.definition)
    way = walk(q.definition, state.answers)
    if not way.complete:
        return _go(way.next, state, _incomplete_notice(state))
    notice = store.take_notice(q.definition, state)
    return _page("check_answers", pages.check_answers_context(q, _texts(q), state.answers, notice))


def _incomplete_notice(state) -> str:
    if state.notice == "notice-expired":
        return "notice-expired"
    return "notice-incomplete" if state.answers else "notice-skipped"


@bp.get("/result")
def result():
    q = registry.get()
    state = store.load(q.definition)
    way = walk(q.definition, state.answers)
    if not way.complete:
        return _go(way.next, state, _incomplete_notice(state))
    notice = store.take_notice(q.definition, state)
    page = _result_page(q, state, notice=notice)
    if not state.counted:
        stats.record(q.definition.id, g.lang, page["decision"].ids)
        state.counted = True
        store.save(q.definition, state)
    return render_template("questionnaire/result.html", **page["context"])


def _result_page(q, state: store.State, *, notice: str | None = None, error: str | None = None, value: str = ""):
    day = today()
    period = q.rules.in_force(day)
    decision = decide(q.definition, keep_on_way(q.definition, state.answers), period)
    texts = pages.make_texts(q, g.lang, day)
    email = pages.email_context(texts, mailing.available(), error, value)
    context = pages.result_context(q, texts, decision, period, g.lang, email=email, notice=notice)
    return {"decision": decision, "context": context, "texts": texts}


@bp.post("/email-results")
@limiter.limit(lambda: current_app.config["FORM_RATE_LIMIT"], methods=["POST"])
@limiter.limit(lambda: current_app.config["QUESTIONNAIRE_EMAIL_RATE_LIMIT"], methods=["POST"])
def email_results():
    """Send the result to the address given, then forget the address (app/questionnaire/mailing.py)."""
    q = registry.get()
    state = store.load(q.definition)
    way = walk(q.definition, state.answers)
    if not way.complete:
        return _go(way.next, state, _incomplete_notice(state))
    address, error = mailing.check_address(request.form.get(mailing.FIELD))
    status = 400
    if address is not None:
        page = _result_page(q, state)
        problem = (
            mailing.send_result(address, page["texts"], page["context"], g.lang)
            if mailing.available()
            else "not-configured"
        )
        if problem is None:
            state.notice = "email-sent"
            store.save(q.definition, state)
            return redirect(url_for("questionnaire.result"), code=303)
        error, status = "email-failed", 503
    typed = "" if address is not None else (request.form.get(mailing.FIELD) or "")[:254]
    page = _result_page(q, state, error=error, value=typed)
    return render_template("questionnaire/result.html", **page["context"]), status


@bp.post("/start-again")
@limiter.limit(lambda: current_app.config["FORM_RATE_LIMIT"], methods=["POST"])
def start_again():
    q = registry.get()
    store.clear(q.definition, notice="notice-cleared")
    return redirect(url_for("questionnaire.start"), code=303)


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    """A post without a valid CSRF token (an old page, an expired session, cookies off). Nothing is saved: the
    reader sees the question again (or the one that is next for them) with a message, never an error page."""
    q = registry.get()
    state = store.load(q.definition)
    question_id = str((request.view_args or {}).get("question_id", ""))
    if request.endpoint == "questionnaire.answer" and question_id not in q.definition.by_id:
        return render_error(404)
    if request.endpoint != "questionnaire.answer":  # start again, or email the result
        state.notice = "notice-form-expired"
        store.save(q.definition, state)
        back = "questionnaire.result" if request.endpoint == "questionnaire.email_results" else "questionnaire.start"
        return redirect(url_for(back), code=303)
    if may_answer(q.definition, state.answers, question_id) and (state.answers or state.notice != "notice-expired"):
        context = pages.question_context(
            q, _texts(q), q.definition.by_id[question_id], state.answers, notice="notice-form-expired"
        )
        return _page("question", context, status=200 if _fragment_wanted() else 400)
    # No answers in the session (it expired, or cookies are off), or a question not on the reader's way.
    notice = "notice-expired" if not state.answers else "notice-skipped"
    return _show_next(q, state, change=False, notice=notice)
