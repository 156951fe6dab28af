"""The shortlist ("My list") on SQLite and PostgreSQL: the "Add to my list" button on a service's page, add,
remove and clear with JavaScript off (303s, followed) and with htmx (fragments), and bad input of every kind:
malformed or unknown ids, tampered sessions, a full list, a missing CSRF token, `next` pointing elsewhere."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete

from app.directory.models import Service
from app.extensions import db
from app.shortlist.list import MAX_ITEMS
from tests.support.i18n_text import squash, translated
from tests.support.page_checks import check_fragment, check_page, get_page
from tests.support.shortlist_data import (  # noqa: F401 - limits_off_as_configured is autouse
    HTMX,
    add,
    clear,
    csrf_token,
    limits_off_as_configured,
    make_records,
    remove,
    stored_list,
)

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def records(any_app):
    return make_records()


def _service_page(client, service, lang="en"):
    return get_page(client, f"/{lang}/services/{service.id}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_service_page_has_the_add_button(records, any_client, lang):
    soup = _service_page(any_client, records.hub, lang)
    wrapper = soup.select_one("#shortlist-add")
    form = wrapper.select_one("#shortlist-add-control form")
    assert form["method"] == "post"
    assert form["action"] == form["hx-post"] == f"/{lang}/shortlist/add"
    assert (form["hx-target"], form["hx-swap"]) == ("#shortlist-add-control", "outerHTML")
    assert form.select_one("input[name=service_id]")["value"] == records.hub.id
    assert form.select_one("input[name=next]")["value"] == f"/{lang}/services/{records.hub.id}"
    assert squash(form.select_one("button").get_text()) == translated(any_client.application, lang, "Add to my list")
    # The count beside the control is the live region; it is not inside what htmx swaps.
    count = wrapper.select_one("#shortlist-count")
    assert count["aria-live"] == "polite"
    assert count.find_parent(id="shortlist-add-control") is None
    assert count.select_one("a")["href"] == f"/{lang}/shortlist"


def test_add_without_javascript_goes_back_to_the_service_with_a_confirmation(records, any_client):
    response = add(any_client, records.hub.id)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/en/services/{records.hub.id}#shortlist-add"
    assert stored_list(any_client) == [records.hub.id]
    soup = _service_page(any_client, records.hub)
    control = soup.select_one("#shortlist-add-control")
    assert control.find("form") is None
    assert squash(control.get_text()) == "Added — view my list (1)"
    assert control.select_one("a")["href"] == "/en/shortlist"
    assert "1 service" in squash(soup.select_one("#shortlist-count").get_text())
    # Adding it again changes nothing.
    assert add(any_client, records.hub.id).status_code == 303
    assert stored_list(any_client) == [records.hub.id]


def test_add_with_htmx_swaps_the_control_and_updates_the_count(records, any_client):
    add(any_client, records.bare.id)
    response = add(any_client, records.hub.id, htmx=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h1" not in html
    fragment = check_fragment(html)
    control = fragment.select_one("#shortlist-add-control")
    assert squash(control.get_text()) == "Added — view my list (2)"
    assert control.select_one("[data-focus-on-swap]") is not None
    count = fragment.select_one("#shortlist-count")
    assert count["hx-swap-oob"] == "innerHTML"
    assert squash(count.get_text()) == "View my list (2 services)"
    assert "aria-live" not in html, "the live region is the element on the page, whose content is replaced"
    assert stored_list(any_client) == [records.bare.id, records.hub.id]


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/en/services/categories/", "/en/services/categories/"),
        ("https://evil.example/", None),
        ("//evil.example/en/", None),
        ("/en/no-such-page/really/not", None),
        ("/ar/services/categories/", None),  # another language: back to the service in the reader's
        ("/en/services/categories/\\evil", None),
    ],
)
def test_next_must_be_a_page_of_this_site(records, any_client, next_url, expected):
    response = add(any_client, records.hub.id, next_url=next_url)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{expected or f'/en/services/{records.hub.id}'}#shortlist-add"


def _list_page(client, lang="en"):
    return get_page(client, f"/{lang}/shortlist")


def test_remove_and_clear_without_javascript(records, any_client):
    for service in (records.hub, records.online, records.bare):
        add(any_client, service.id)
    soup = _list_page(any_client)
    names = [squash(a.get_text()) for a in soup.select("#shortlist-items h2 a")]
    assert names == ["Carers Test Hub", "Online Test Advice", "Test Befriending"]
    forms = soup.select("#shortlist-items form[action='/en/shortlist/remove']")
    assert [f.select_one("input[name=service_id]")["value"] for f in forms] == [
        records.hub.id,
        records.online.id,
        records.bare.id,
    ]
    assert squash(forms[0].select_one("button").get_text()) == "Remove: Carers Test Hub"
    assert soup.select_one(".govuk-tag--grey").get_text(strip=True) == "Temporarily closed"

    response = remove(any_client, records.online.id)
    assert (response.status_code, response.headers["Location"]) == (303, "/en/shortlist")
    soup = _list_page(any_client)
    assert squash(soup.select_one(".app-shortlist-notice").get_text()) == "Removed from your list: Online Test Advice"
    assert len(soup.select("#shortlist-items h2")) == 2
    assert _list_page(any_client).select_one(".app-shortlist-notice") is None, "said once"
    assert stored_list(any_client) == [records.hub.id, records.bare.id]

    response = clear(any_client)
    assert (response.status_code, response.headers["Location"]) == (303, "/en/shortlist")
    soup = _list_page(any_client)
    assert squash(soup.select_one(".app-shortlist-notice").get_text()) == "Your list is now empty."
    assert soup.select_one("#shortlist-items a[href='/en/services/categories/']") is not None
    assert soup.select_one("#shortlist-items form") is None
    assert stored_list(any_client) is None, "an empty list leaves nothing in the session"


def test_remove_and_clear_with_htmx_return_the_list_fragment(records, any_client):
    add(any_client, records.hub.id)
    add(any_client, records.bare.id)
    page = _list_page(any_client)
    live = page.select_one("#shortlist")
    assert live["aria-live"] == "polite" and live.select_one("#shortlist-items") is not None

    response = remove(any_client, records.hub.id, htmx=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    fragment = check_fragment(html)
    assert "<h1" not in html and "aria-live" not in html
    items = fragment.select_one("#shortlist-items")
    notice = items.select_one("[data-focus-on-swap]")
    assert squash(notice.get_text()) == "Removed from your list: Carers Test Hub"
    assert [squash(a.get_text()) for a in items.select("h2 a")] == ["Test Befriending"]

    fragment = check_fragment(clear(any_client, htmx=True).get_data(as_text=True))
    assert squash(fragment.select_one("[data-focus-on-swap]").get_text()) == "Your list is now empty."
    assert fragment.select_one("form") is None
    assert stored_list(any_client) is None


def test_names_on_a_bengali_list_are_marked_english(records, any_client):
    add(any_client, records.hub.id, lang="bn")
    soup = _list_page(any_client, "bn")
    link = soup.select_one("#shortlist-items h2 a")
    assert (link["lang"], link["dir"]) == ("en", "ltr")
    assert squash(soup.find("h1").get_text()) == translated(any_client.application, "bn", "My list")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("service_id", ["not-a-uuid", "", UNKNOWN, "1" * 100])
def test_adding_an_unknown_or_malformed_id_says_so(records, any_client, lang, service_id):
    response = add(any_client, service_id, lang=lang)
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang=lang, dir="rtl" if lang == "ar" else "ltr")
    expected = translated(any_client.application, lang, "We could not find that service")
    assert squash(soup.find("h1").get_text()) == expected
    assert soup.select_one(f"a[href='/{lang}/shortlist']") is not None
    assert stored_list(any_client) is None


def test_adding_an_unknown_id_with_htmx_shows_why_in_place(records, any_client):
    response = add(any_client, UNKNOWN, htmx=True)
    assert response.status_code == 200
    fragment = check_fragment(response.get_data(as_text=True))
    message = fragment.select_one("#shortlist-add-control .govuk-error-message")
    assert "We could not find that service" in squash(message.get_text())
    assert message.has_attr("data-focus-on-swap")


def test_removing_a_malformed_id_says_so_and_keeps_the_list(records, any_client):
    add(any_client, records.hub.id)
    response = any_client.post(
        "/en/shortlist/remove", data={"csrf_token": csrf_token(any_client), "service_id": "junk"}
    )
    assert response.status_code == 400
    check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    htmx_response = any_client.post(
        "/en/shortlist/remove", data={"csrf_token": csrf_token(any_client), "service_id": "junk"}, headers=HTMX
    )
    assert htmx_response.status_code == 400
    check_fragment(htmx_response.get_data(as_text=True))
    # Removing a service that is not in the list is not an error (a double click, an old page).
    assert remove(any_client, records.bare.id).status_code == 303
    assert stored_list(any_client) == [records.hub.id]


def test_posts_without_the_csrf_token_are_refused(records, any_client):
    for url in ("/en/shortlist/add", "/en/shortlist/remove", "/en/shortlist/clear", "/en/shortlist/email"):
        response = any_client.post(url, data={"service_id": records.hub.id, "email": "name@example.com"})
        assert response.status_code == 400, url
        assert "Your form has expired" in response.get_data(as_text=True)
    assert stored_list(any_client) is None


def test_a_full_list_refuses_one_more(records, any_client):
    ids = [str(uuid.uuid4()) for _ in range(MAX_ITEMS)]
    db.session.add_all(
        Service(id=i, organization_id=records.hub.organization_id, name=f"Filler {n:02d}", sources=["test"])
        for n, i in enumerate(ids)
    )
    db.session.commit()
    with any_client.session_transaction() as session:
        session["shortlist"] = ids
    response = add(any_client, records.hub.id)
    assert response.status_code == 400
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    assert squash(soup.find("h1").get_text()) == "Your list is full"
    assert f"up to {MAX_ITEMS} services" in squash(soup.get_text())
    fragment = check_fragment(add(any_client, records.hub.id, htmx=True).get_data(as_text=True))
    assert "Your list is full" in squash(fragment.select_one(".govuk-error-message").get_text())
    assert stored_list(any_client) == ids


@pytest.mark.parametrize(
    "stored",
    ["junk", {"a": 1}, ["junk", UNKNOWN.upper()], [None], 7],
    ids=["string", "dict", "bad-ids", "null", "number"],
)
def test_a_tampered_session_list_is_cleaned_and_the_reader_told(records, any_client, stored):
    with any_client.session_transaction() as session:
        session["shortlist"] = stored
    soup = _list_page(any_client)
    assert "Some of your list could not be read" in squash(soup.get_text())
    assert stored_list(any_client) is None
    assert "could not be read" not in squash(_list_page(any_client).get_text()), "said once"


def test_services_gone_from_the_directory_are_taken_off(records, any_client):
    with any_client.session_transaction() as session:
        session["shortlist"] = [records.hub.id, records.bare.id, UNKNOWN]
    db.session.execute(delete(Service).where(Service.id == records.bare.id))
    db.session.commit()
    soup = _list_page(any_client)
    assert "2 services are no longer in the directory" in squash(soup.get_text())
    assert [squash(a.get_text()) for a in soup.select("#shortlist-items h2 a")] == ["Carers Test Hub"]
    assert stored_list(any_client) == [records.hub.id]


def test_a_list_past_the_maximum_is_cut(records, any_client):
    with any_client.session_transaction() as session:
        session["shortlist"] = [records.hub.id] + [str(uuid.uuid4()) for _ in range(MAX_ITEMS + 3)]
    _list_page(any_client)
    assert stored_list(any_client) == [records.hub.id]


def test_list_pages_are_never_cached(records, any_client):
    add(any_client, records.hub.id)
    for url in ("", "/print", "/print?size=large", "/easy-read", "/text", "/email"):
        response = any_client.get(f"/en/shortlist{url}")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store", url
        assert "HX-Request" in response.headers["Vary"]


def test_the_empty_list_page_points_to_the_categories_and_every_output(any_client):
    soup = _list_page(any_client)
    assert translated(any_client.application, "en", "Your list is empty.") in squash(soup.get_text())
    hrefs = {a["href"] for a in soup.select("main a")}
    assert {
        "/en/services/categories/",
        "/en/shortlist/print",
        "/en/shortlist/print?size=large",
        "/en/shortlist/easy-read",
        "/en/shortlist/text",
        "/en/shortlist/email",
    } <= hrefs


def test_get_on_a_post_only_url_is_not_found(any_client):
    assert any_client.get("/en/shortlist/add").status_code in (404, 405)
