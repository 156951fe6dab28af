"""Access rules that need no database: where `next=` may send people, and who may enter a page."""

import pytest

from app.auth.access import ANY_STAFF, may_enter, roles_required, safe_next
from app.auth.accounts import describe_grants
from app.auth.models import User, UserRole


@pytest.mark.parametrize(
    "target",
    ["/en/staff/", "/en/staff/accounts?x=1", "/bn/staff/accounts/3/password", "/en/"],
)
def test_next_accepts_paths_on_this_site(target):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "http:/evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example/en/",
        "en/staff/",
    ],
)
def test_next_rejects_anything_else(target):
    assert safe_next(target) is None


def _user(*grants):
    roles = [UserRole(role=role, language=language) for role, language in grants]
    return User(email="x@example.invalid", name="X", roles=roles)


def test_a_role_opens_pages_that_need_it():
    assert may_enter(_user(("editor", None)), frozenset({"editor", "approver"}))
    assert not may_enter(_user(("editor", None)), frozenset({"approver"}))


def test_admin_opens_everything_but_review():
    admin = _user(("admin", None))
    assert may_enter(admin, frozenset({"plan-editor"}))
    assert not may_enter(admin, frozenset({"reviewer"}))


def test_a_reviewer_of_any_language_opens_review_pages():
    assert may_enter(_user(("reviewer", "bn")), frozenset({"reviewer"}))


def test_any_staff_opens_for_every_account_even_without_roles():
    assert may_enter(_user(), frozenset({ANY_STAFF}))


def test_roles_required_records_its_roles_on_the_view():
    @roles_required("editor", "approver")
    def view():
        return "ok"

    assert view.required_roles == frozenset({"editor", "approver"})
    assert view.__name__ == "view"


@pytest.mark.parametrize("roles", [(), ("editr",), ("admin", "superuser")])
def test_roles_required_refuses_unknown_roles(roles):
    with pytest.raises(ValueError):
        roles_required(*roles)


def test_role_changes_are_described_for_the_audit_log():
    assert describe_grants({("reviewer", "so"), ("editor", None), ("reviewer", "bn")}) == (
        "editor, reviewer (bn), reviewer (so)"
    )
    assert describe_grants(set()) == "no roles"
