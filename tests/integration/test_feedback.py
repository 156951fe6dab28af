"""“Was this page useful?”: the form on every content page, a plain post and an htmx post, validation,
and what is stored (and what never is)."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, inspect, select

from app.extensions import db
from app.feedback.models import COMMENT_MAX, Feedback
from tests.support.i18n_text import squash, translated
from tests.support.page_checks import check_fragment, check_page, get_page
from tests.support.site_pages import one_page_per_layout, public_pages

PAGE = "/en/carers/who-is-a-carer"
BN_PAGE = "/bn/carers/who-is-a-carer"
THANKS = "Thank you for your feedback"
SELECT_ANSWER = "Select yes if this page was useful, or no if it was not"
TOO_LONG = "Your comment must be %(max)d characters or fewer"
PERSONAL_INFO = "Do not include personal information, like your name, email address or details about your health."
HTMX = {"HX-Request": "true"}


def _form(client, url: str):
    """The feedback form on a page (page checks included) and the fields a browser would send back."""
    soup = get_page(client, url)
    form = soup.select_one("#feedback form")
    assert form is not None, f"no feedback form on {url}"
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    path = form.find("input", attrs={"name": "path"})["value"]
    return soup, form, {"csrf_token": token, "path": path}


def _stored() -> list[Feedback]:
    db.session.expire_all()
    return list(db.session.scalars(select(Feedback).order_by(Feedback.id)))


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Feedback))


@pytest.mark.parametrize("page", [p for p in public_pages() if p.kind != "home" and p.lang in ("en", "ar")], ids=str)
def test_every_content_page_has_the_form_for_itself(client, page):
    soup, form, fields = _form(client, page.url)
    assert fields["path"] == page.url
    assert form["method"] == "post"
    assert form["action"] == form["hx-post"] == f"/{page.lang}/feedback"
    assert form["hx-target"] == "#feedback-panel"
    assert form["hx-swap"] == "outerHTML"
    # The live region is the wrapper that stays; the panel inside it is what htmx replaces.
    live = soup.select_one("#feedback")
    assert live["aria-live"] == "polite"
    assert live.select_one("#feedback-panel form") is form
    assert soup.select_one("#feedback-panel").get("aria-live") is None


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_form_is_gov_uk_radios_and_textarea_in_the_readers_language(client, lang):
    app = client.application
    for page in one_page_per_layout(lang):
        if page.kind == "home":
            continue
        soup, form, _ = _form(client, page.url)
        radios = form.select(".govuk-radios--inline input[type=radio][name=useful]")
        assert [r["value"] for r in radios] == ["yes", "no"]
        legend = squash(form.select_one("legend").get_text())
        assert legend == translated(app, lang, "Was this page useful?")
        textarea = form.select_one("textarea[name=comment]")
        hint = soup.find(id=textarea["aria-describedby"])
        assert translated(app, lang, PERSONAL_INFO) in squash(hint.get_text())


def test_plain_post_stores_the_answer_and_redirects_back_to_the_page(any_client):
    _, _, fields = _form(any_client, PAGE)
    response = any_client.post(
        "/en/feedback", data={**fields, "useful": "no", "comment": "  Tell me about costs.\r\n  "}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{PAGE}?feedback=sent#feedback"
    assert "HX-Request" in response.headers["Vary"]

    [entry] = _stored()
    assert (entry.path, entry.lang, entry.useful) == (PAGE, "en", False)
    assert entry.comment == "Tell me about costs."
    # Only the day is kept, so an answer cannot be matched to a line of a web server log.
    assert entry.at.time() == dt.time(0, 0)
    assert entry.at.date() == dt.datetime.now(dt.UTC).date()

    soup = get_page(any_client, f"{PAGE}?feedback=sent")
    panel = soup.select_one("#feedback #feedback-panel")
    assert squash(panel.get_text()) == THANKS
    assert panel.find("form") is None


def test_nothing_about_the_reader_is_stored(any_app):
    columns = {column["name"] for column in inspect(db.engine).get_columns("feedback")}
    assert columns == {"id", "at", "path", "lang", "useful", "comment"}


def test_answer_from_a_bengali_page_is_stored_as_bengali(any_client):
    _, _, fields = _form(any_client, BN_PAGE)
    response = any_client.post("/bn/feedback", data={**fields, "useful": "yes"})
    assert response.status_code == 303
    [entry] = _stored()
    assert (entry.path, entry.lang, entry.useful, entry.comment) == (BN_PAGE, "bn", True, "")


def test_control_characters_are_removed_from_comments(any_client):
    # PostgreSQL rejects NUL in text: it must be a stored answer, not a 500.
    _, _, fields = _form(any_client, PAGE)
    response = any_client.post("/en/feedback", data={**fields, "useful": "yes", "comment": "a\x00b\x07c\td"})
    assert response.status_code == 303
    assert _stored()[0].comment == "abc\td"


def test_htmx_post_returns_the_thank_you_fragment(client):
    _, _, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data={**fields, "useful": "yes"}, headers=HTMX)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h1" not in html
    fragment = check_fragment(html)
    panel = fragment.select_one("#feedback-panel")
    assert squash(panel.get_text()) == THANKS
    assert panel.has_attr("data-focus-on-swap") or panel.select_one("[data-focus-on-swap]")
    assert "aria-live" not in html, "the live region must be the wrapper that stays on the page"
    assert _count() == 1


def test_fragment_and_page_come_from_the_same_partial(client):
    _, form, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data=fields, headers=HTMX)
    fragment = check_fragment(response.get_data(as_text=True))
    again = fragment.select_one("#feedback-panel form")
    assert again is not None
    assert again["action"] == form["action"] and again["hx-target"] == form["hx-target"]


@pytest.mark.parametrize("lang,page", [("en", PAGE), ("bn", BN_PAGE)])
def test_missing_answer_shows_the_form_again_with_an_error_summary(client, lang, page):
    app = client.application
    _, _, fields = _form(client, page)
    response = client.post(f"/{lang}/feedback", data={**fields, "comment": "kept"})
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang=lang, dir="ltr")
    assert squash(soup.find("h1").get_text()) == translated(app, lang, "Was this page useful?")
    summary = soup.select_one(".govuk-error-summary")
    [link] = summary.select("a")
    assert link["href"] == "#feedback-useful"
    assert soup.find(id="feedback-useful") is not None
    assert squash(link.get_text()) == translated(app, lang, SELECT_ANSWER)
    assert soup.select_one("textarea[name=comment]").get_text().strip() == "kept"
    assert soup.select_one("input[name=path]")["value"] == page
    assert soup.select_one(".govuk-back-link")["href"] == page
    assert not soup.select_one("#feedback-panel form").has_attr("hx-post"), "a swap would remove the h1"
    assert _count() == 0


def test_overlong_comment_is_a_validation_error_not_a_500(client):
    app = client.application
    _, _, fields = _form(client, PAGE)
    too_long = "x" * (COMMENT_MAX + 1)
    response = client.post("/en/feedback", data={**fields, "useful": "yes", "comment": too_long})
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    [link] = soup.select(".govuk-error-summary a")
    assert link["href"] == "#feedback-comment"
    assert soup.find(id="feedback-comment") is not None
    assert squash(link.get_text()) == translated(app, "en", TOO_LONG, max=COMMENT_MAX)
    assert _count() == 0


def test_a_comment_of_the_maximum_length_counts_each_new_line_once(client):
    _, _, fields = _form(client, PAGE)
    comment = ("a" * 9 + "\r\n") * (COMMENT_MAX // 10)  # 500 characters as typed, 550 as sent
    response = client.post("/en/feedback", data={**fields, "useful": "yes", "comment": comment})
    assert response.status_code == 303
    assert len(_stored()[0].comment) == COMMENT_MAX - 1  # the last new line is stripped


def test_htmx_validation_error_swaps_in_the_form_with_errors(client):
    _, _, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data=fields, headers=HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx responses
    fragment = check_fragment(response.get_data(as_text=True))
    assert fragment.select_one("#feedback-panel .govuk-error-summary a")["href"] == "#feedback-useful"
    assert fragment.find("h1") is None
    assert _count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "",
        "https://evil.example/en/",
        "//evil.example/en/",
        "/en/not-a-section/",
        "/en/carers/not-a-page",
        "/en/carers",  # redirects to /en/carers/
        "/en/carers/index",
        f"{PAGE}?x=1",
        f"{PAGE}/",
        "/en/feedback",
        "/bn/carers/",  # another language's page
        "/en/" + "a" * 300,
        "<script>alert(1)</script>",
    ],
)
def test_only_pages_of_this_site_are_accepted_as_the_path(client, path):
    _, _, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data={**fields, "path": path, "useful": "yes"})
    assert response.status_code == 400
    assert _count() == 0


@pytest.mark.parametrize("path", ["/en/", "/en/carers/", "/en/carers/who-is-a-carer/easy-read", PAGE])
def test_home_section_easy_read_and_content_pages_are_accepted(client, path):
    _, _, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data={**fields, "path": path, "useful": "yes"})
    assert response.status_code == 303
    assert _stored()[0].path == path


def test_post_without_csrf_token_is_refused(client):
    _, _, fields = _form(client, PAGE)
    response = client.post("/en/feedback", data={"path": fields["path"], "useful": "yes"})
    assert response.status_code == 400
    assert _count() == 0


def test_body_over_the_limit_gets_the_413_page(client):
    app = client.application
    _, _, fields = _form(client, PAGE)
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/en/feedback", data={**fields, "useful": "yes", "comment": big})
    assert response.status_code == 413
    soup = BeautifulSoup(response.get_data(as_text=True), "html5lib")
    assert squash(soup.find("h1").get_text()) == translated(app, "en", "What you sent is too long")
    assert _count() == 0


def test_get_is_not_allowed(client):
    response = client.get("/en/feedback")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    soup = BeautifulSoup(response.get_data(as_text=True), "html5lib")
    assert squash(soup.find("h1").get_text()) == translated(client.application, "en", "That action is not allowed here")


def test_unknown_language_is_not_found(client):
    _, _, fields = _form(client, PAGE)
    assert client.post("/xx/feedback", data={**fields, "useful": "yes"}).status_code == 404
    assert _count() == 0
