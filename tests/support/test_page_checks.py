"""The page checks catch what they promise to (a check that never fails protects nothing)."""

from __future__ import annotations

import pytest

from tests.support.page_checks import check_fragment, check_page

GOOD = """<!DOCTYPE html>
<html lang="bn" dir="ltr">
<head><meta charset="utf-8"><title>Who is a carer? – Care and Support in Camden</title></head>
<body>
<a href="#main" class="govuk-skip-link">Skip</a>
<main id="main">
  <div lang="en" dir="ltr"><h1>Who is a carer?</h1></div>
  <p><a href="/bn/"><img src="/static/x.svg" alt="Home"></a> <img src="/static/y.svg" alt=""></p>
  <form method="post" action="/bn/feedback">
    <input type="hidden" name="csrf_token" value="abc">
    <label for="comment">Comment</label><textarea id="comment" name="comment"></textarea>
    <button>Send</button>
  </form>
  <form action="/bn/search"><input name="q" aria-label="Search"></form>
</main>
</body>
</html>
"""


def _broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_a_good_page_passes():
    soup = check_page(GOOD, lang="bn", dir="ltr")
    assert soup.h1.get_text() == "Who is a carer?"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (_broken("<h1>Who is a carer?</h1>", "<h1>Who is a carer?</h1><h1>Again</h1>"), "exactly one <h1>"),
        (_broken("<h1>Who is a carer?</h1>", "<h2>Who is a carer?</h2>"), "exactly one <h1>"),
        (_broken("<title>Who is a carer?", "<title>Carers"), "does not start with the h1"),
        (_broken('<textarea id="comment"', '<textarea id="main"'), "duplicate id 'main'"),
        (_broken('<form method="post" action="/bn/feedback">', '<form method="post">'), "without an action"),
        (_broken('<input type="hidden" name="csrf_token" value="abc">', ""), "without a hidden csrf_token"),
        (_broken('<html lang="bn"', '<html lang="en"'), 'expected lang="bn"'),
        (_broken('<html lang="bn" dir="ltr">', '<html lang="bn" dir="rtl">'), 'expected dir="ltr"'),
        (_broken('<div lang="en" dir="ltr">', '<div lang="en">'), "without a dir attribute"),
        (_broken('alt="Home"', ""), "link without accessible text"),
        (_broken(' alt=""', ""), "img without an alt attribute"),
        (_broken('<label for="comment">', '<label for="nothing">'), "points at no element"),
        (_broken(' aria-label="Search"', ""), "form field without a label"),
        (_broken("<button>Send</button>", "<button></button>"), "button without accessible text"),
        (_broken("</main>", "</main></div>"), "HTML parse error"),
        (_broken('<a href="#main"', '<a href="#main" href="#x"'), "duplicate-attribute"),
        (_broken("<!DOCTYPE html>\n", ""), "DOCTYPE"),
    ],
    ids=[
        "two-h1", "no-h1", "title-not-h1", "duplicate-id", "form-no-action", "post-no-csrf", "wrong-lang",
        "wrong-dir", "other-language-no-dir", "link-no-text", "img-no-alt", "label-for-nothing",
        "field-no-label", "button-no-text", "stray-end-tag", "duplicate-attribute", "no-doctype",
    ],
)  # fmt: skip
def test_each_problem_is_caught(html, problem):
    with pytest.raises(AssertionError, match=problem):
        check_page(html, lang="bn", dir="ltr")


def test_fragment_checks():
    check_fragment('<div id="panel"><p>Thank you</p></div>')
    with pytest.raises(AssertionError, match="duplicate id"):
        check_fragment('<div id="a"></div><div id="a"></div>')
    with pytest.raises(AssertionError, match="csrf_token"):
        check_fragment('<form method="post" action="/x"><button>Go</button></form>')
