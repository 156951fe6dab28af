"""Every public page, in every site language, renders and passes the page checks.

The pages come from the content repository (tests/support/site_pages.py), so a new content file or a new
language in content/languages.yaml is tested with no change here.
"""

from __future__ import annotations

import pytest

from tests.support.i18n_text import squash, status_text, translated
from tests.support.page_checks import check_page, get_page
from tests.support.site_pages import public_pages

MISSING_NOTICE = "This page has not been translated into %(language)s yet, so it is shown in English."


def _page_notice(soup):
    """The page's own translation notice (not the site-wide catalog notice)."""
    main = soup.find("main")
    return main.select_one(".app-translation-notice")


@pytest.mark.parametrize("page", public_pages(), ids=str)
def test_public_page_renders_and_passes_page_checks(client, page):
    app = client.application
    soup = get_page(client, page.url)
    language = app.extensions["site_languages"][page.lang]
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    expected_css = "app.rtl.css" if language.dir == "rtl" else "app.css"
    # url_for("static") may add a ?v= content hash for caching; the file is what matters here.
    assert [href.split("?")[0].rsplit("/", 1)[-1] for href in stylesheets] == [expected_css], stylesheets

    if page.kind == "home":
        repo = app.extensions["content"]
        card_links = {a["href"] for a in soup.select("main .app-card a")}
        for section in repo.sections():
            assert f"/{page.lang}/{section.section}/" in card_links
        return

    resolved = app.extensions["content"].resolve(page.lang, page.section, page.slug)
    h1 = soup.find("h1")
    assert squash(h1.get_text()) == squash(resolved.page.meta.title)
    notice = _page_notice(soup)

    if resolved.status == "original":
        assert notice is None, "an English page shows a translation notice"
    elif resolved.is_fallback:
        # Not translated: the English is shown, marked as English, under a notice in the reader's language.
        assert resolved.status == "missing"
        assert notice is not None, "a page shown in English to a reader of another language has no notice"
        expected = translated(app, page.lang, MISSING_NOTICE, language=language.name)
        assert expected in squash(notice.get_text())
        assert status_text(app, page.lang, "missing") in squash(notice.get_text())
        wrapper = h1.find_parent(attrs={"lang": True})
        assert wrapper is not None and wrapper.name != "html", "the English text is not marked lang=en"
        assert (wrapper["lang"], wrapper.get("dir")) == ("en", "ltr")
        assert notice.get("lang") in (None, page.lang), "the notice must be in the reader's language"
    else:
        assert resolved.page.lang == page.lang
        assert h1.find_parent(attrs={"lang": True}).name == "html", "a translation is marked as another language"
        if resolved.status == "reviewed":
            assert notice is None
            assert translated(app, page.lang, "Translation checked") in squash(soup.get_text())
        else:
            assert notice is not None, f"a {resolved.status} translation has no notice"
            assert status_text(app, page.lang, resolved.status) in squash(notice.get_text())


# -- The language of a request -------------------------------------------------------------------------------


def _location(response) -> str:
    return response.headers["Location"].removeprefix("http://localhost")


def test_root_redirects_to_english_by_default(app):
    response = app.test_client().get("/")
    assert response.status_code == 302
    assert _location(response) == "/en/"


def test_root_redirects_by_accept_language(app):
    response = app.test_client().get("/", headers={"Accept-Language": "ar,en;q=0.5"})
    assert _location(response) == "/ar/"
    response = app.test_client().get("/", headers={"Accept-Language": "fr,bn;q=0.8,en;q=0.5"})
    assert _location(response) == "/bn/"


def test_root_redirects_by_cookie_before_accept_language(app):
    client = app.test_client()
    client.set_cookie(app.config["LANGUAGE_COOKIE"], "so")
    response = client.get("/", headers={"Accept-Language": "ar"})
    assert _location(response) == "/so/"


def test_root_ignores_a_cookie_naming_no_site_language(app):
    client = app.test_client()
    client.set_cookie(app.config["LANGUAGE_COOKIE"], "xx")
    response = client.get("/", headers={"Accept-Language": "bn"})
    assert _location(response) == "/bn/"


def test_root_redirect_varies_by_cookie_and_accept_language(app):
    # A shared cache must not hand one reader's language redirect to another.
    response = app.test_client().get("/", headers={"Accept-Language": "ar"})
    vary = {v.strip().lower() for v in response.headers.get("Vary", "").split(",")}
    assert {"cookie", "accept-language"} <= vary, response.headers.get("Vary")


def test_url_wins_over_cookie_and_is_remembered(app):
    client = app.test_client()
    cookie = app.config["LANGUAGE_COOKIE"]
    client.set_cookie(cookie, "ar")
    soup = get_page(client, "/bn/", headers={"Accept-Language": "so"})
    assert soup.html["lang"] == "bn"
    assert client.get_cookie(cookie).value == "bn"
    assert _location(client.get("/")) == "/bn/"


def test_language_switcher_links_to_the_same_page_in_every_language(client):
    soup = get_page(client, "/bn/carers/who-is-a-carer")
    switcher = soup.select_one("nav.app-language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.select("a[hreflang]")}
    languages = client.application.extensions["site_languages"]
    assert set(links) == set(languages) - {"bn"}
    for code, href in links.items():
        assert href == f"/{code}/carers/who-is-a-carer"
    current = switcher.select_one('[aria-current="true"]')
    assert current["lang"] == "bn"


# -- Not found, not allowed, malformed -----------------------------------------------------------------------


def _error_page(response, lang: str, dir: str, code: int):
    assert response.status_code == code
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    soup = check_page(html, lang=lang, dir=dir)
    assert "Traceback" not in html
    return soup


def test_unknown_language_is_a_404_page(app):
    soup = _error_page(app.test_client().get("/xx/"), "en", "ltr", 404)
    assert squash(soup.h1.get_text()) == translated(app, "en", "Page not found")


def test_unknown_language_404_is_in_the_readers_preferred_language(app):
    response = app.test_client().get("/xx/carers/", headers={"Accept-Language": "ar"})
    soup = _error_page(response, "ar", "rtl", 404)
    assert squash(soup.h1.get_text()) == translated(app, "ar", "Page not found")


@pytest.mark.parametrize(
    "url",
    ["/{lang}/no-such-section/", "/{lang}/carers/no-such-page", "/{lang}/carers/no-such-page/easy-read",
     "/{lang}/carers/carer-conversations.easy-read/easy-read", "/{lang}/CARERS/",
     "/{lang}/no/such/page/at/all"],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "bn", "so", "ar"])
def test_unknown_page_is_a_404_in_the_readers_language(app, url, lang):
    direction = app.extensions["site_languages"][lang].dir
    soup = _error_page(app.test_client().get(url.format(lang=lang)), lang, direction, 404)
    assert squash(soup.h1.get_text()) == translated(app, lang, "Page not found")
    home_link = soup.select_one(f'main a[href="/{lang}/"]')
    assert home_link is not None, "the 404 page links to the home page in the reader's language"


def test_easy_read_file_name_is_not_a_second_address_for_the_page(app):
    # /en/carers/who-is-a-carer/easy-read is the Easy Read page; the file's own name must not serve it too.
    response = app.test_client().get("/en/carers/who-is-a-carer.easy-read")
    assert response.status_code in (301, 308, 404), response.status_code
    if response.status_code != 404:
        assert _location(response) == "/en/carers/who-is-a-carer/easy-read"


def test_index_slug_redirects_to_the_section(app):
    response = app.test_client().get("/en/carers/index")
    assert response.status_code == 301
    assert _location(response) == "/en/carers/"


def test_post_to_a_page_is_a_405_page(app):
    response = app.test_client().post("/en/carers/who-is-a-carer")
    _error_page(response, "en", "ltr", 405)
    assert "GET" in response.headers["Allow"]


def test_405_is_in_the_readers_language(app):
    _error_page(app.test_client().post("/ar/"), "ar", "rtl", 405)


@pytest.mark.parametrize(
    "url",
    [
        "/en/%ff",
        "/en/%ff/",
        "/en/carers/%ff",
        "/en/../../etc/passwd",
        "/en/..%2f..%2fetc%2fpasswd",
        "/en/carers/who-is-a-carer?x=%00",
        "/en/carers/who-is-a-carer?%ff=%ff",
        "/en/%00/",
        "/en/carers/%00",
        "/%00/",
        "/en/" + "a" * 5000,
        "/en/" + "a/" * 2000,
        "/en/carers/" + "b" * 5000 + "/easy-read",
        "/static/../app/config.py",
        "/static/%2e%2e/app/config.py",
        "/en//carers//who-is-a-carer",
    ],
    ids=lambda u: u[:40],
)
def test_malformed_paths_never_cause_a_server_error(app, url):
    client = app.test_client()
    for method in (client.get, client.head, client.post):
        response = method(url, follow_redirects=True)
        assert response.status_code < 500, f"{method.__name__.upper()} {url[:60]}: {response.status_code}"
    response = client.get(url)
    if response.status_code >= 400 and response.mimetype == "text/html":
        check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    assert b"SECRET_KEY" not in client.get(url, follow_redirects=True).data, "a source file was served"


# -- htmx fragments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_htmx_forms_answer_with_valid_fragments(client, lang):
    """Every htmx form on a content page, sent empty with HX-Request, answers with a fragment that passes
    check_fragment (and never a whole page inside the page)."""
    from tests.support.page_checks import check_fragment
    from tests.support.site_pages import one_page_per_layout

    checked = 0
    for page in one_page_per_layout(lang):
        soup = get_page(client, page.url)
        for form in soup.select("form[hx-post]"):
            data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden][name]")}
            response = client.post(form["hx-post"], data=data, headers={"HX-Request": "true"})
            assert response.status_code == 200, f"{form['hx-post']} from {page.url}: {response.status_code}"
            html = response.get_data(as_text=True)
            assert "<html" not in html.lower() and "<h1" not in html.lower(), "a whole page came back"
            check_fragment(html)
            assert "HX-Request" in response.headers.get("Vary", ""), "fragments must vary on HX-Request"
            checked += 1
    assert checked, f"no htmx form on any {lang} page"
