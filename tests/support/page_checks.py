"""Quality checks run on every full page and every htmx fragment the tests fetch.

Modelled on GOV.UK Notify's checking test client: valid HTML, exactly one h1, a <title> that starts with the
h1, no duplicate ids, forms that post somewhere with a CSRF token, and the right language and direction.
Every problem found is reported at once, so one run shows everything wrong with a page.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter

import html5lib
from bs4 import BeautifulSoup, Tag
from html5lib.constants import E as HTML5LIB_MESSAGES

# Input types a person never fills in, so they need no label.
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _parse_errors(html: str, *, fragment: bool) -> list[str]:
    """html5lib's parse errors (stray end tags, duplicate attributes, misnested tags, bad doctype...)."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    if fragment:
        parser.parseFragment(html)
    else:
        parser.parse(html)
    lines = html.splitlines()
    problems = []
    for (line, col), code, datavars in parser.errors:
        message = HTML5LIB_MESSAGES.get(code, code)
        with contextlib.suppress(TypeError, KeyError):  # a few messages name variables they are not given
            message = message % datavars
        source = lines[line - 1].strip()[:120] if 0 < line <= len(lines) else ""
        problems.append(f"HTML parse error at line {line}, column {col}: {code} ({message}) in: {source}")
    return problems


def _describe(tag: Tag) -> str:
    attrs = " ".join(f'{k}="{v if isinstance(v, str) else " ".join(v)}"' for k, v in tag.attrs.items())
    return f"<{tag.name}{' ' + attrs if attrs else ''}>"[:160]


def _accessible_text(tag: Tag, soup: BeautifulSoup) -> str:
    if _squash(tag.get("aria-label", "")):
        return tag["aria-label"]
    labelledby = tag.get("aria-labelledby")
    if labelledby:
        texts = [_squash(el.get_text()) for i in labelledby.split() if (el := soup.find(id=i))]
        if any(texts):
            return " ".join(texts)
    text = _squash(tag.get_text())
    if text:
        return text
    alts = [_squash(img.get("alt", "")) for img in tag.find_all("img")]
    if any(alts):
        return " ".join(alts)
    if tag.name == "input":
        return _squash(tag.get("value", ""))
    return _squash(tag.get("title", ""))


def _duplicate_ids(soup: BeautifulSoup) -> list[str]:
    counts = Counter(el["id"] for el in soup.find_all(id=True))
    return [f"duplicate id {i!r} ({n} elements)" for i, n in sorted(counts.items()) if n > 1]


def _form_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for form in soup.find_all("form"):
        if not form.has_attr("action"):
            problems.append(f"form without an action attribute: {_describe(form)}")
        if form.get("method", "get").lower() == "post":
            token = form.find("input", attrs={"type": "hidden", "name": "csrf_token"})
            if token is None or not token.get("value"):
                problems.append(f"post form without a hidden csrf_token input: {_describe(form)}")
    return problems


def _label_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    ids = {el["id"] for el in soup.find_all(id=True)}
    for label in soup.find_all("label"):
        target = label.get("for")
        if target is not None and target not in ids:
            problems.append(f"label for={target!r} points at no element: {_describe(label)}")
    labelled = {label["for"] for label in soup.find_all("label", attrs={"for": True})}
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.name == "input" and field.get("type", "text").lower() in UNLABELLED_INPUT_TYPES:
            continue
        if field.get("id") in labelled or field.find_parent("label"):
            continue
        if _squash(field.get("aria-label", "")) or field.get("aria-labelledby"):
            continue
        problems.append(f"form field without a label: {_describe(field)}")
    return problems


def _text_alternative_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for link in soup.find_all("a"):
        if not _accessible_text(link, soup):
            problems.append(f"link without accessible text: {_describe(link)}")
    for button in soup.find_all("button"):
        if not _accessible_text(button, soup):
            problems.append(f"button without accessible text: {_describe(button)}")
    for img in soup.find_all("img"):
        if not img.has_attr("alt"):
            problems.append(f"img without an alt attribute: {_describe(img)}")
    return problems


def check_page(html: str, *, lang: str, dir: str) -> BeautifulSoup:  # noqa: A002 - the HTML attribute's name
    """Assert that a full HTML page meets the site's conventions; returns the parsed page."""
    problems = _parse_errors(html, fragment=False)
    if not html.lstrip().lower().startswith("<!doctype html>"):
        problems.append("the page does not start with <!DOCTYPE html>")
    soup = BeautifulSoup(html, "html5lib")

    root = soup.find("html")
    if root.get("lang") != lang:
        problems.append(f'<html lang="{root.get("lang")}">, expected lang="{lang}"')
    if root.get("dir") != dir:
        problems.append(f'<html dir="{root.get("dir")}">, expected dir="{dir}"')
    for el in soup.find_all(lang=True):
        if el is root:
            continue
        if el["lang"] != lang and el.get("dir") not in ("ltr", "rtl", "auto"):
            problems.append(f"element in another language ({el['lang']}) without a dir attribute: {_describe(el)}")

    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"expected exactly one <h1>, found {len(h1s)}: {[_squash(h.get_text()) for h in h1s]}")
    titles = soup.find_all("title")
    if len(titles) != 1:
        problems.append(f"expected exactly one <title>, found {len(titles)}")
    elif len(h1s) == 1:
        h1_text = _squash(h1s[0].get_text())
        title_text = _squash(titles[0].get_text())
        if not h1_text or not title_text.startswith(h1_text):
            problems.append(f"<title> {title_text!r} does not start with the h1 {h1_text!r}")

    problems += _duplicate_ids(soup)
    problems += _form_problems(soup)
    problems += _label_problems(soup)
    problems += _text_alternative_problems(soup)
    assert not problems, "page checks failed:\n  " + "\n  ".join(problems)
    return soup


def check_fragment(html: str) -> BeautifulSoup:
    """Checks for an htmx fragment (a part of a page): valid markup, unique ids, forms with action and CSRF."""
    problems = _parse_errors(html, fragment=True)
    soup = BeautifulSoup(html, "html5lib")
    problems += _duplicate_ids(soup)
    problems += _form_problems(soup)
    problems += _label_problems(soup)
    problems += _text_alternative_problems(soup)
    assert not problems, "fragment checks failed:\n  " + "\n  ".join(problems)
    return soup


def expected_language(app, url: str) -> tuple[str, str]:
    """The (lang, dir) a page at `url` must declare: its URL's language, else the site default."""
    languages = app.extensions["site_languages"]
    first = url.lstrip("/").split("/", 1)[0].split("?", 1)[0]
    code = first if first in languages else app.config["DEFAULT_LANGUAGE"]
    return code, languages[code].dir


def get_page(client, url: str, **kwargs) -> BeautifulSoup:
    """GET a full page, assert 200 text/html, run check_page with the URL's language; return the soup."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, f"GET {url}: status {response.status_code}, expected 200"
    assert response.mimetype == "text/html", f"GET {url}: {response.mimetype}, expected text/html"
    lang, direction = expected_language(client.application, url)
    try:
        return check_page(response.get_data(as_text=True), lang=lang, dir=direction)
    except AssertionError as exc:
        raise AssertionError(f"GET {url}: {exc}") from None
