"""Staff sign-in and sign-out: sessions, messages that never reveal an account, next= and CSRF."""

from __future__ import annotations

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import text

from app.auth import backends
from app.extensions import db
from tests.integration.test_auth_support import (
    GENERIC_ERROR,
    PASSWORD,
    SIGN_IN,
    STAFF_HOME,
    audit_actions,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    error_texts,
    fresh_user,
    is_sign_in_redirect,
    make_user,
    post_form,
    sign_in,
    sign_in_outcomes,
    sign_out,
    signed_in_client,
    staff_client,
)
from tests.support.page_checks import check_page


def test_the_password_is_stored_only_as_a_scrypt_hash(any_app):
    make_user("ann@camden.invalid")
    stored = db.session.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("scrypt:")  # test_auth_passwords checks the production cost
    assert PASSWORD not in stored


def test_sign_in_page_is_a_checked_page_with_the_right_autocomplete(any_app, get_page):
    client = staff_client(any_app)
    soup = get_page(client, SIGN_IN)
    form = soup.find("form", action=SIGN_IN)
    assert form["method"] == "post"
    assert form.find("input", {"name": "email"})["autocomplete"] == "username"
    assert form.find("input", {"name": "password"})["autocomplete"] == "current-password"
    assert soup.find("h1").get_text(strip=True) == "Staff sign in"


def test_footer_links_to_staff_sign_in(any_app, get_page):
    client = staff_client(any_app)
    soup = get_page(client, "/en/")
    assert soup.select_one("footer").find("a", href=SIGN_IN)


def test_sign_in_starts_a_fresh_permanent_session_and_is_recorded(any_app, get_page):
    client = staff_client(any_app)
    user = make_user("ann@camden.invalid")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"

    response = sign_in(client, "  Ann@Camden.invalid ", PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == STAFF_HOME
    with client.session_transaction() as session:
        assert "planted" not in session  # the session was regenerated (no fixation)
        assert session["_user_id"] == f"{user.id}:1"
        assert session.permanent
    assert client.get_cookie("session").expires is not None
    soup = get_page(client, STAFF_HOME)
    assert "Signed in as Ann Admin" in soup.get_text()
    assert sign_in_outcomes() == ["success"]
    assert audit_actions()[-1] == ("signed-in", "ann@camden.invalid", "")
    assert fresh_user("ann@camden.invalid").last_sign_in_at is not None


def test_staff_pages_are_not_cached_or_indexed(any_app):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    response = client.get(STAFF_HOME)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_sign_out_ends_the_session(any_app, get_page):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")

    response = sign_out(client)

    assert response.status_code == 302
    assert response.headers["Location"] == SIGN_IN
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert "You have signed out." in get_page(client, SIGN_IN).get_text()
    assert is_sign_in_redirect(client.get(STAFF_HOME), next=STAFF_HOME)
    assert audit_actions()[-1][0] == "signed-out"


def test_sign_out_is_post_only(any_app):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    # A GET finds no page there (the content route answers 404): it must not sign anyone out.
    assert client.get("/en/staff/sign-out").status_code in (404, 405)
    assert client.get(STAFF_HOME).status_code == 200


def test_a_wrong_password_is_counted_and_gets_the_generic_message(any_app):
    client = staff_client(any_app)
    make_user("ann@camden.invalid")

    response = sign_in(client, "ann@camden.invalid", "not the password")

    assert response.status_code == 200
    assert GENERIC_ERROR in " ".join(error_texts(response.get_data(as_text=True)))
    assert "wait 15 minutes" in response.get_data(as_text=True)
    assert fresh_user("ann@camden.invalid").failed_sign_ins == 1
    assert sign_in_outcomes() == ["wrong-password"]


def test_a_right_password_resets_the_count(any_app):
    client = staff_client(any_app)
    make_user("ann@camden.invalid")
    sign_in(client, "ann@camden.invalid", "not the password")
    sign_in(client, "ann@camden.invalid", PASSWORD)
    assert fresh_user("ann@camden.invalid").failed_sign_ins == 0


def test_messages_never_reveal_whether_an_account_exists(any_app, monkeypatch):
    make_user("ann@camden.invalid")
    make_user("gone@camden.invalid", active=False)
    hashed_for_nobody = []
    real_spend = backends.spend_hash_time
    monkeypatch.setattr(backends, "spend_hash_time", lambda pw: hashed_for_nobody.append(1) or real_spend(pw))

    attempts = {
        "unknown": ("nobody@camden.invalid", PASSWORD),
        "wrong password": ("ann@camden.invalid", "not the password"),
        "deactivated": ("gone@camden.invalid", PASSWORD),
    }
    seen = {}
    for label, (email, password) in attempts.items():
        response = sign_in(staff_client(any_app), email, password)
        seen[label] = (response.status_code, error_texts(response.get_data(as_text=True)))

    assert len(set(map(repr, seen.values()))) == 1, seen
    assert GENERIC_ERROR in seen["unknown"][1][0]
    # An unknown email still costs a password hash, so timing does not tell either.
    assert hashed_for_nobody == [1]
    assert sign_in_outcomes() == ["unknown-account", "wrong-password", "inactive"]


def test_an_unknown_email_is_not_recorded(any_app):
    client = staff_client(any_app)
    sign_in(client, "someone@example.invalid", "whatever it is")
    db.session.expire_all()
    rows = db.session.execute(text("SELECT user_id, outcome FROM sign_in_events")).all()
    assert [tuple(row) for row in rows] == [(None, "unknown-account")]


def test_empty_fields_get_an_error_summary_linking_to_them(any_app, get_page):
    client = staff_client(any_app)
    response = post_form(client, SIGN_IN, {"email": "", "password": ""})
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    links = [a["href"] for a in soup.select(".govuk-error-summary a")]
    assert links == ["#email", "#password"]
    assert soup.find(id="email") and soup.find(id="password")


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "http:/evil.example",
    ],
)
def test_next_must_be_a_path_on_this_site(any_app, next_url):
    make_user("ann@camden.invalid")
    response = sign_in(staff_client(any_app), "ann@camden.invalid", next=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == STAFF_HOME


def test_next_brings_you_back_to_the_page_you_asked_for(any_app):
    make_user("ann@camden.invalid")
    client = staff_client(any_app)
    first = client.get("/en/staff/audit?page=1")
    assert is_sign_in_redirect(first, next="/en/staff/audit?page=1")

    response = sign_in(client, "ann@camden.invalid", next="/en/staff/audit?page=1")

    assert response.headers["Location"] == "/en/staff/audit?page=1"


def test_the_sign_in_form_keeps_next_in_its_action(any_app, get_page):
    client = staff_client(any_app)
    soup = get_page(client, f"{SIGN_IN}?next=/en/staff/accounts")
    assert soup.find("form", action=f"{SIGN_IN}?next=/en/staff/accounts")


def test_signed_in_people_skip_the_sign_in_page(any_app):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    assert client.get(SIGN_IN).headers["Location"] == STAFF_HOME


def test_a_post_without_its_csrf_token_gets_the_400_page(any_app):
    client = staff_client(any_app)
    assert any_app.config["WTF_CSRF_ENABLED"] is True
    make_user("ann@camden.invalid")

    response = client.post(SIGN_IN, data={"email": "ann@camden.invalid", "password": PASSWORD})

    assert response.status_code == 400
    assert "Your form has expired" in response.get_data(as_text=True)
    assert sign_in_outcomes() == []


def test_sign_out_without_csrf_token_does_not_sign_out(any_app):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    assert client.post("/en/staff/sign-out").status_code == 400
    assert client.get(STAFF_HOME).status_code == 200


def test_a_session_ends_after_30_minutes_without_a_request(any_app, monkeypatch):
    assert any_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 30 * 60
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    real_timestamp = TimestampSigner.get_timestamp

    def later(minutes):
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real_timestamp(self) + minutes * 60)

    later(25)
    assert client.get(STAFF_HOME).status_code == 200  # a request refreshes the session...
    later(50)
    assert client.get(STAFF_HOME).status_code == 200  # ...so 25 minutes after it, it still works
    later(81)
    assert is_sign_in_redirect(client.get(STAFF_HOME), next=STAFF_HOME)  # 31 idle minutes: signed out


@pytest.mark.parametrize("lang", ["bn", "ar"])
def test_other_languages_have_their_own_sign_in_url(any_app, get_page, lang):
    soup = get_page(staff_client(any_app), f"/{lang}/staff/sign-in")  # checks lang and dir too
    assert soup.find("form", action=f"/{lang}/staff/sign-in")
