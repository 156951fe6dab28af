"""POST /<lang>/feedback: a plain form post (redirect back to the page), or an htmx post (a fragment)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request

from app.extensions import htmx, limiter
from app.feedback.forms import FeedbackForm
from app.feedback.models import COMMENT_MAX
from app.feedback.service import record

bp = Blueprint("feedback", __name__, url_prefix="/<lang>")


@bp.post("/feedback")
@limiter.limit(lambda: current_app.config["FORM_RATE_LIMIT"], methods=["POST"])
def submit():
    form = FeedbackForm()
    if not form.validate():
        if form.path.errors:
            abort(400)  # the hidden field was tampered with or the page has gone: nothing to correct
        if htmx:
            # htmx does not swap 4xx responses, so the fragment with the errors comes back as 200.
            return render_template("feedback/_panel.html", form=form, sent=False, as_page=False)
        return render_template("feedback/page.html", form=form, sent=False, as_page=True), 400
    record(form.path.data, g.lang, form.useful.data == "yes", form.comment.data)
    if htmx:
        return render_template("feedback/_panel.html", form=form, sent=True, as_page=False)
    return redirect(f"{request.script_root}{form.path.data}?feedback=sent#feedback", code=303)


@bp.get("/feedback")
def get_not_allowed():
    """Without this, GET /<lang>/feedback would match pages.section's strict-slash rule and redirect to a
    404 at /<lang>/feedback/; the reader should learn that the form must be sent, not opened."""
    abort(405, valid_methods=["POST"])


@bp.after_request
def vary_on_htmx(response):
    response.vary.add("HX-Request")
    return response


@bp.app_context_processor
def feedback_helpers() -> dict:
    return {"feedback_form": blank_form, "comment_max": COMMENT_MAX}


def blank_form() -> FeedbackForm:
    """The empty form for the page being shown (never bound to the request's form data)."""
    return FeedbackForm(formdata=None, path=request.path)
