"""Helpers for the "Am I a carer?" tests (no tests here): answering the questions through the test client the way
a browser without JavaScript does, checking every page on the way."""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from app.questionnaire.registry import get
from tests.support.page_checks import check_fragment, check_page, expected_language

START = "/{lang}/am-i-a-carer"
QUESTION = "/{lang}/am-i-a-carer/questions/{qid}"
CHECK = "/{lang}/am-i-a-carer/check-your-answers"
RESULT = "/{lang}/am-i-a-carer/result"
START_AGAIN = "/{lang}/am-i-a-carer/start-again"
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/en/am-i-a-carer"}


def location(response) -> str:
    """The path (and query) a redirect goes to."""
    parts = urlsplit(response.headers["Location"])
    return parts.path + (f"?{parts.query}" if parts.query else "")


def checked(client, response, url: str) -> BeautifulSoup:
    lang, direction = expected_language(client.application, url)
    try:
        return check_page(response.get_data(as_text=True), lang=lang, dir=direction)
    except AssertionError as exc:
        raise AssertionError(f"{url}: {exc}") from None


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, f"GET {url}: {response.status_code} {response.headers.get('Location')}"
    return checked(client, response, url)


def fragment(response) -> BeautifulSoup:
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<main" not in html, "htmx should get the part, not the page"
    return check_fragment(html)


def token(soup: BeautifulSoup) -> str:
    field = soup.find("input", {"name": "csrf_token"})
    assert field is not None and field.get("value"), "no CSRF token on the page"
    return field["value"]


def post_answer(client, lang: str, qid: str, values, *, soup: BeautifulSoup | None = None, headers=None, query=""):
    """POST an answer with the CSRF token of the question's page (fetched, and checked, if not given)."""
    url = QUESTION.format(lang=lang, qid=qid) + query
    soup = soup or page(client, url)
    form = soup.find("form", attrs={"action": url})
    assert form is not None, f"no form posting to {url}"
    values = [values] if isinstance(values, str) else list(values)
    return client.post(url, data={"csrf_token": token(soup), "answer": values}, headers=headers or {})


def answer_all(client, lang: str, answers: dict[str, tuple[str, ...]]) -> BeautifulSoup:
    """Answer along the flow from the start page, following each redirect; returns the checked result page."""
    soup = page(client, START.format(lang=lang))
    start = soup.select_one("a.govuk-button--start")
    assert start is not None, "no start button"
    url = start["href"]
    while "/questions/" in url:
        qid = url.rsplit("/", 1)[1]
        assert qid in answers, f"the flow asked {qid}, which the answers do not give"
        response = post_answer(client, lang, qid, answers[qid], soup=page(client, url))
        assert response.status_code == 303, f"POST {url}: {response.status_code}"
        url = location(response)
    assert url == CHECK.format(lang=lang), url
    page(client, url)
    return page(client, RESULT.format(lang=lang))


def outcomes_shown(soup: BeautifulSoup) -> list[str]:
    return [section["id"].removeprefix("outcome-") for section in soup.select("section.app-questionnaire-outcome")]


def notice_text(soup: BeautifulSoup) -> str:
    banner = soup.select_one(".govuk-notification-banner")
    return " ".join(banner.get_text(" ").split()) if banner else ""


def definition():
    return get().definition
