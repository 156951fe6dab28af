"""Admin pages: staff accounts, roles per language, passwords and the audit log. Every change is audited."""

from __future__ import annotations

from sqlalchemy import select

from app.auth import audit
from app.auth.accounts import grants_of
from app.auth.models import AuditEvent
from app.extensions import db
from tests.integration.test_auth_support import (
    GENERIC_ERROR,
    PASSWORD,
    STAFF_HOME,
    audit_actions,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    error_texts,
    fresh_user,
    is_sign_in_redirect,
    make_user,
    post_form,
    sign_in,
    signed_in_client,
    staff_client,
)
from tests.support.page_checks import check_page

ADMIN = "ann@camden.invalid"
STAFF = "ben@camden.invalid"
ACCOUNTS = "/en/staff/accounts"
NEW_ACCOUNT = "/en/staff/accounts/new"
AUDIT = "/en/staff/audit"


def _admin_client(app):
    make_user(ADMIN, name="Ann Admin")
    return signed_in_client(app, ADMIN)


def _edit(client, user, **changes):
    data = {"name": user.name, "active": "y", "roles": [], "reviewer_languages": [], **changes}
    url = f"{ACCOUNTS}/{user.id}"
    return post_form(client, url, {k: v for k, v in data.items() if v is not None})


def test_the_accounts_page_lists_people_and_their_roles(any_app, get_page):
    client = _admin_client(any_app)
    make_user(STAFF, name="Ben Staff", grants=[("editor", None), ("reviewer", "bn")])

    soup = get_page(client, ACCOUNTS)

    rows = {row.find("a").get_text(strip=True): row.get_text(" ", strip=True) for row in soup.select("tbody tr")}
    assert "Editor, Reviewer (Bengali)" in rows["Ben Staff"]
    assert soup.find("a", href=NEW_ACCOUNT)


def test_staff_home_lists_what_the_roles_allow(any_app, get_page):
    admin_home = get_page(_admin_client(any_app), STAFF_HOME)
    assert admin_home.find("a", href=ACCOUNTS) and admin_home.find("a", href=AUDIT)

    make_user(STAFF, name="Ben Staff", grants=[("editor", None)])
    editor_home = get_page(signed_in_client(any_app, STAFF), STAFF_HOME)
    assert "Editor" in editor_home.get_text()
    assert not editor_home.find("a", href=ACCOUNTS)


def test_an_admin_adds_an_account_and_it_is_audited(any_app, get_page):
    client = _admin_client(any_app)
    form = get_page(client, NEW_ACCOUNT).find("form", action=NEW_ACCOUNT)
    assert [i["autocomplete"] for i in form.find_all("input", type="password")] == ["new-password"] * 2
    assert len(form.find_all("input", attrs={"name": "reviewer_languages"})) == len(
        any_app.extensions["site_languages"]
    )

    response = post_form(
        client,
        NEW_ACCOUNT,
        {
            "name": "Ben Staff",
            "email": "Ben@Camden.invalid",
            "password": "a long new password",
            "password_confirm": "a long new password",
            "roles": ["editor"],
            "reviewer_languages": ["so"],
        },
    )

    assert response.status_code == 302
    ben = fresh_user(STAFF)
    assert response.headers["Location"] == f"{ACCOUNTS}/{ben.id}"
    assert grants_of(ben) == {("editor", None), ("reviewer", "so")}
    assert audit_actions()[-1] == ("account-created", STAFF, "editor, reviewer (so)")
    assert sign_in(staff_client(any_app), STAFF, "a long new password").status_code == 302


def test_adding_an_account_checks_what_was_typed(any_app):
    client = _admin_client(any_app)
    response = post_form(
        client,
        NEW_ACCOUNT,
        {"name": "", "email": ADMIN.upper(), "password": "short", "password_confirm": "other"},
    )
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True), lang="en", dir="ltr")
    links = [a["href"] for a in soup.select(".govuk-error-summary a")]
    assert links == ["#name", "#password", "#password_confirm"]
    errors = error_texts(response.get_data(as_text=True))[0]
    assert "Enter their full name" in errors
    assert "Password must be between 12 and 128 characters" in errors
    assert "The passwords do not match" in errors

    response = post_form(
        client,
        NEW_ACCOUNT,
        {"name": "Ann Again", "email": ADMIN.upper(), "password": PASSWORD, "password_confirm": PASSWORD},
    )
    assert "There is already an account with this email address" in error_texts(response.get_data(as_text=True))[0]


def test_an_admin_grants_and_revokes_roles_per_language_and_it_is_audited(any_app, get_page):
    client = _admin_client(any_app)
    ben = make_user(STAFF, name="Ben Staff", grants=[])
    page = get_page(client, f"{ACCOUNTS}/{ben.id}")
    languages = [i["value"] for i in page.find_all("input", attrs={"name": "reviewer_languages"})]
    assert languages == list(any_app.extensions["site_languages"])

    assert _edit(client, ben, roles=["editor"], reviewer_languages=["bn", "ar"]).status_code == 302
    assert grants_of(fresh_user(STAFF)) == {("editor", None), ("reviewer", "bn"), ("reviewer", "ar")}

    assert _edit(client, ben, roles=[], reviewer_languages=["ar"]).status_code == 302
    assert grants_of(fresh_user(STAFF)) == {("reviewer", "ar")}

    changes = [(a, t, d) for a, t, d in audit_actions() if a == "roles-changed"]
    assert changes == [
        ("roles-changed", STAFF, "no roles → editor, reviewer (ar), reviewer (bn)"),
        ("roles-changed", STAFF, "editor, reviewer (ar), reviewer (bn) → reviewer (ar)"),
    ]
    actor_ids = set(db.session.scalars(select(AuditEvent.actor_id).where(AuditEvent.action == "roles-changed")))
    assert actor_ids == {fresh_user(ADMIN).id}


def test_a_role_change_ends_the_persons_other_sessions(any_app):
    ben = make_user(STAFF, name="Ben Staff", grants=[("editor", None)])
    bens_browser = signed_in_client(any_app, STAFF)
    assert bens_browser.get(STAFF_HOME).status_code == 200

    _edit(_admin_client(any_app), ben, roles=["editor", "approver"])

    assert is_sign_in_redirect(bens_browser.get(STAFF_HOME), next=STAFF_HOME)
    assert signed_in_client(any_app, STAFF).get(STAFF_HOME).status_code == 200  # signing in again works


def test_deactivating_an_account_signs_it_out_and_stops_sign_in(any_app):
    ben = make_user(STAFF, name="Ben Staff", grants=[("editor", None)])
    bens_browser = signed_in_client(any_app, STAFF)

    _edit(_admin_client(any_app), ben, active=None, roles=["editor"])

    assert not fresh_user(STAFF).active
    assert is_sign_in_redirect(bens_browser.get(STAFF_HOME))
    response = sign_in(staff_client(any_app), STAFF)
    assert GENERIC_ERROR in error_texts(response.get_data(as_text=True))[0]
    assert ("account-deactivated", STAFF, "") in audit_actions()


def test_an_admin_cannot_lock_themselves_out(any_app):
    client = _admin_client(any_app)
    ann = fresh_user(ADMIN)

    no_admin = _edit(client, ann, roles=["editor"])
    deactivated = _edit(client, ann, active=None, roles=["admin"])

    assert "You cannot remove your own admin role" in error_texts(no_admin.get_data(as_text=True))[0]
    assert "You cannot deactivate your own account" in error_texts(deactivated.get_data(as_text=True))[0]
    assert grants_of(fresh_user(ADMIN)) == {("admin", None)}


def test_an_admin_changing_their_own_roles_stays_signed_in(any_app):
    client = _admin_client(any_app)
    ann = fresh_user(ADMIN)
    assert _edit(client, ann, roles=["admin", "editor"]).status_code == 302
    assert client.get(STAFF_HOME).status_code == 200


def test_an_admin_sets_a_password_which_ends_sessions_and_unlocks(any_app, get_page):
    ben = make_user(STAFF, name="Ben Staff", grants=[("editor", None)])
    bens_browser = signed_in_client(any_app, STAFF)
    for _ in range(any_app.config["LOCKOUT_THRESHOLD"]):
        sign_in(staff_client(any_app), STAFF, "not the password")
    assert fresh_user(STAFF).locked_until is not None
    client = _admin_client(any_app)
    account_page = get_page(client, f"{ACCOUNTS}/{ben.id}")
    assert "after too many wrong passwords" in account_page.get_text()
    assert "Wrong password" in account_page.select_one("table").get_text()
    url = f"{ACCOUNTS}/{ben.id}/password"
    assert get_page(client, url).find("form", action=url)

    response = post_form(client, url, {"password": "a brand new password", "password_confirm": "a brand new password"})

    assert response.status_code == 302
    assert is_sign_in_redirect(bens_browser.get(STAFF_HOME))
    assert fresh_user(STAFF).locked_until is None
    assert sign_in(staff_client(any_app), STAFF, PASSWORD).status_code == 200  # the old one: refused
    assert sign_in(staff_client(any_app), STAFF, "a brand new password").status_code == 302
    assert ("password-set", STAFF, "") in audit_actions()


def test_the_audit_log_shows_events_newest_first_a_page_at_a_time(any_app, get_page):
    client = _admin_client(any_app)
    for number in range(audit.PER_PAGE + 5):
        audit.record("account-renamed", actor=None, target=f"person{number}@camden.invalid")
    db.session.commit()

    first = get_page(client, AUDIT)
    second = get_page(client, f"{AUDIT}?page=2")

    first_targets = [row.select("td")[3].get_text(strip=True) for row in first.select("tbody tr")]
    assert len(first_targets) == audit.PER_PAGE
    assert first_targets[0] == f"person{audit.PER_PAGE + 4}@camden.invalid"  # the newest
    assert "Name changed" in first.select_one("tbody tr").get_text()
    assert first.find("a", href=f"{AUDIT}?page=2")
    second_targets = [row.select("td")[3].get_text(strip=True) for row in second.select("tbody tr")]
    # Page 2 ends with the oldest event: the admin's own sign-in.
    assert second_targets[-1] == ADMIN
    assert client.get(f"{AUDIT}?page=3").status_code == 404


def test_people_without_the_admin_role_get_403(any_app):
    make_user(STAFF, name="Ben Staff", grants=[("editor", None), ("reviewer", "bn")])
    client = signed_in_client(any_app, STAFF)
    for url in (ACCOUNTS, NEW_ACCOUNT, f"{ACCOUNTS}/1", f"{ACCOUNTS}/1/password", AUDIT):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You cannot see this page" in response.get_data(as_text=True)


def test_an_unknown_account_is_404(any_app):
    client = _admin_client(any_app)
    assert client.get(f"{ACCOUNTS}/999999").status_code == 404
    assert client.get(f"{ACCOUNTS}/999999/password").status_code == 404
