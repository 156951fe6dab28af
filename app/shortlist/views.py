"""/<lang>/shortlist: the reader's list of services (in the session, no account) and its outputs.

Every post works without JavaScript (303 back to a page); with htmx it answers the fragment of the same
partial. Outputs are in the page's language unless the reader picks another (`?language=`), which is what
the adviser console does for a caller.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from app.errors import render_error
from app.extensions import htmx, limiter
from app.i18n import is_supported, languages
from app.shortlist import mailer
from app.shortlist.forms import EmailForm, ServiceForm
from app.shortlist.list import Shortlist, existing_services
from app.shortlist.outputs import render_outputs
from app.shortlist.page_context import AddState, Notices, language_choices, list_context, problem, rows
from app.shortlist.sms import count as sms_count

bp = Blueprint("shortlist", __name__, url_prefix="/<lang>/shortlist")
NOTICE_KEY = "shortlist_notice"  # what the last post did, for the next page (no JavaScript); no personal data
SENT_KEY = "shortlist_sent"  # True once, after an email was sent: never the address
NEXT_MAX = 500


def _form_limit() -> str:
    return current_app.config["FORM_RATE_LIMIT"]


def _email_limit() -> str:
    return current_app.config["SHORTLIST_EMAIL_RATE_LIMIT"]


def _shortlist() -> tuple[Shortlist, Notices]:
    """The reader's list, cleaned: unreadable entries and services gone from the directory are taken off."""
    shortlist = Shortlist(session)
    notices = Notices(unreadable=shortlist.cleaned)
    notices.gone = shortlist.drop_missing()
    return shortlist, notices


def _output_language() -> str:
    chosen = request.values.get("language")
    return chosen if chosen and is_supported(chosen) else g.lang


def _safe_next(raw: str | None) -> str | None:
    """`next` if it is a page of this site in the reader's language (never another site), else None."""
    if not raw or len(raw) > NEXT_MAX or "\\" in raw:
        return None
    parts = urlsplit(raw)
    root = request.script_root
    if parts.scheme or parts.netloc or not parts.path.startswith(f"{root}/{g.lang}/"):
        return None
    try:
        current_app.url_map.bind("localhost").match(parts.path.removeprefix(root), method="GET")
    except HTTPException:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _add_control(service_id: str, shortlist: Shortlist, code: str | None = None):
    state = AddState(service_id in shortlist, len(shortlist))
    return render_template(
        "shortlist/_add_control.html",
        service_id=service_id,
        state=state,
        next_url=_safe_next(request.form.get("next")) or "",
        problem=problem(code) if code else None,
        oob=True,
    )


def _refused(code: str, service_id: str | None, shortlist: Shortlist):
    """An add (or remove) that cannot be done. With htmx, an add answers the control with the reason in it
    (a 200, like the feedback form's errors, so the button's place shows it); without, a page saying so."""
    if htmx and request.endpoint == "shortlist.add":
        return _add_control(service_id or "", shortlist, code)
    if htmx:
        return render_error(400)
    back = _safe_next(request.form.get("next"))
    return render_template("shortlist/problem.html", problem=problem(code), back=back), 400


@bp.get("")
def show():
    shortlist, notices = _shortlist()
    note = session.pop(NOTICE_KEY, None)
    if isinstance(note, dict):
        notices.cleared = note.get("code") == "cleared"
        notices.removed = note.get("name") if note.get("code") == "removed" else None
    return render_template("shortlist/list.html", **list_context(shortlist, notices))


@bp.post("/add")
@limiter.limit(_form_limit, methods=["POST"])
def add():
    form = ServiceForm()
    shortlist = Shortlist(session)
    if not form.validate() or not existing_services([form.service_id.data]):
        service_id = form.service_id.data if not form.service_id.errors else None
        return _refused("unknown", service_id, shortlist)
    service_id = form.service_id.data
    if shortlist.add(service_id) == "full":
        return _refused("full", service_id, shortlist)
    if htmx:
        return _add_control(service_id, shortlist)
    back = _safe_next(form.next.data) or url_for("directory.service", service_id=service_id)
    return redirect(f"{back}#shortlist-add", code=303)


@bp.post("/remove")
@limiter.limit(_form_limit, methods=["POST"])
def remove():
    form = ServiceForm()
    shortlist = Shortlist(session)
    if not form.validate():
        return _refused("unknown", None, shortlist)
    service_id = form.service_id.data
    named = rows([service_id])
    shortlist.remove(service_id)
    name = named[0].name if named else None
    if htmx:
        context = list_context(shortlist, Notices(removed=name))
        return render_template("shortlist/_list_items.html", **context)
    session[NOTICE_KEY] = {"code": "removed", "name": name}
    return redirect(url_for("shortlist.show"), code=303)


@bp.post("/clear")
@limiter.limit(_form_limit, methods=["POST"])
def clear():
    # Nothing to read but the CSRF token, which CSRFProtect checked before the view ran.
    shortlist = Shortlist(session)
    shortlist.clear()
    if htmx:
        return render_template("shortlist/_list_items.html", **list_context(shortlist, Notices(cleared=True)))
    session[NOTICE_KEY] = {"code": "cleared"}
    return redirect(url_for("shortlist.show"), code=303)


def _output_page(template: str, fmt, **extra):
    shortlist, notices = _shortlist()
    lang = _output_language()
    output = render_outputs(shortlist.items(), lang, fmt) if len(shortlist) else None
    if fmt == "text":
        extra["sms"] = sms_count(str(output.body)) if output else None
    choices = language_choices(languages(), lang)
    return render_template(template, output=output, output_lang=lang, choices=choices, notices=notices, **extra)


@bp.get("/print")
def print_view():
    large = request.args.get("size") == "large"
    return _output_page("shortlist/print.html", "large-print" if large else "print", large=large)


@bp.get("/easy-read")
def easy_read():
    return _output_page("shortlist/easy_read.html", "easy-read")


@bp.get("/text")
def text():
    return _output_page("shortlist/text.html", "text")


@bp.route("/email", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
@limiter.limit(_email_limit, methods=["POST"])
def email():
    """The address is read from the form, used to send, and dropped: it is never stored or logged, and the
    page after a success is a redirect, so it is not even in the browser's history of form posts."""
    shortlist, notices = _shortlist()
    lang = _output_language()
    settings = mailer.MailSettings.from_config(current_app.config)
    form = EmailForm() if request.method == "POST" else EmailForm(formdata=None)
    failure, status = None, 200
    if request.method == "POST":
        if not settings.configured:
            failure = "not-configured"
        elif not len(shortlist):
            failure = "empty"
        elif not form.validate():
            failure = "invalid"
        else:
            failure = mailer.send_list(form.email.data, shortlist.items(), lang)
            if failure is None:
                session[SENT_KEY] = True
                return redirect(url_for("shortlist.email", language=lang), code=303)
        status = 503 if failure in ("failed", "not-configured") else 400
    context = {
        "form": form,
        "failure": failure,
        "sent": bool(session.pop(SENT_KEY, False)) if request.method == "GET" else False,
        "available": settings.configured,
        "count": len(shortlist),
        "output_lang": lang,
        "choices": language_choices(languages(), lang),
        "notices": notices,
    }
    return render_template("shortlist/email.html", **context), status


@bp.after_request
def private_and_varied(response):
    # The list is one reader's: never stored by a browser cache or a proxy, nor shown again from history
    # after they cleared it or sent it. Fragments and pages share URLs.
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response


@bp.app_context_processor
def shortlist_helpers() -> dict:
    return {"shortlist_state": shortlist_state}


def shortlist_state(service_id: str) -> AddState:
    """For the "Add to my list" button on a service's page (read only when a page shows the button)."""
    shortlist = Shortlist(session)
    return AddState(service_id in shortlist, len(shortlist))
