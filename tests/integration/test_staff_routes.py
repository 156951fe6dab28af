"""Every staff URL (/<lang>/staff/…) names the roles it needs, and really refuses everyone else.

The rules are found by walking the app's URL map, so a staff page added by any feature is checked here
without being listed: forgetting `roles_required` fails this test.
"""

from __future__ import annotations

import re

from flask import url_for

from app.auth.access import ANY_STAFF
from app.auth.roles import ROLES
from tests.integration.test_auth_support import (
    SIGN_IN,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    csrf_token,
    is_sign_in_redirect,
    make_user,
    signed_in_client,
    staff_client,
)

STAFF_PREFIX = "/<lang>/staff"
OPEN_TO_ALL = {"auth.sign_in"}
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
# Accounts that hold one role each, to knock on doors that need another.
OUTSIDERS = [("board-viewer", None), ("reviewer", "bn"), ("adviser", None)]


def _staff_rules(app):
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith(STAFF_PREFIX)]
    assert rules, "no staff routes found"
    return sorted(rules, key=lambda r: r.rule)


def _required(app, rule) -> frozenset[str]:
    return getattr(app.view_functions[rule.endpoint], "required_roles", frozenset())


def _example_url(app, rule) -> str:
    """The rule's URL in English, with 1 for every number and "example" for every other part."""
    values = {}
    for match in ARGUMENT.finditer(rule.rule):
        name, converter = match["name"], match["converter"]
        if name != "lang":
            values[name] = 1 if converter == "int" else "example"
    with app.test_request_context():
        return url_for(rule.endpoint, lang="en", **values)


def _outsider_for(required: frozenset[str]) -> tuple[str, str | None]:
    for role, language in OUTSIDERS:
        if role not in required:
            return role, language
    raise AssertionError(f"no outsider role for {sorted(required)}")


def test_every_staff_route_names_the_roles_it_needs(app):
    missing = [
        f"{rule.rule} ({rule.endpoint})"
        for rule in _staff_rules(app)
        if rule.endpoint not in OPEN_TO_ALL and not _required(app, rule)
    ]
    assert not missing, f"staff routes without @roles_required: {missing}"
    for rule in _staff_rules(app):
        assert _required(app, rule) <= set(ROLES) | {ANY_STAFF}, rule.rule


def test_signed_out_people_are_sent_to_sign_in(any_app):
    client = staff_client(any_app)
    token = csrf_token(client, SIGN_IN)  # a valid token, so that only the role check can refuse a post
    problems = []
    for rule in _staff_rules(any_app):
        if rule.endpoint in OPEN_TO_ALL:
            continue
        url = _example_url(any_app, rule)
        if "GET" in rule.methods:
            response = client.get(url)
            if not is_sign_in_redirect(response, next=url):
                problems.append(f"GET {url}: {response.status_code} {response.headers.get('Location')}")
        if "POST" in rule.methods:
            response = client.post(url, data={"csrf_token": token})
            if response.status_code not in (302, 403) or (
                response.status_code == 302 and not is_sign_in_redirect(response)
            ):
                problems.append(f"POST {url}: {response.status_code}")
    assert not problems, problems


def test_people_without_the_role_get_403(any_app):
    clients = {}
    problems = []
    for rule in _staff_rules(any_app):
        required = _required(any_app, rule)
        if rule.endpoint in OPEN_TO_ALL:
            continue
        role, language = _outsider_for(required)
        if role not in clients:
            email = f"{role}@camden.invalid"
            make_user(email, name=role, grants=[(role, language)])
            clients[role] = signed_in_client(any_app, email)
        client = clients[role]
        url = _example_url(any_app, rule)
        expected = 200 if ANY_STAFF in required else 403
        if "GET" in rule.methods:
            response = client.get(url)
            if response.status_code != expected:
                problems.append(f"GET {url} as {role}: {response.status_code}, expected {expected}")
        if "POST" in rule.methods and ANY_STAFF not in required:
            response = client.post(url, data={"csrf_token": csrf_token(client, "/en/staff/")})
            if response.status_code != 403:
                problems.append(f"POST {url} as {role}: {response.status_code}, expected 403")
    assert not problems, problems


def test_post_only_staff_routes_do_nothing_on_a_get(any_app):
    make_user("ann@camden.invalid")
    client = signed_in_client(any_app, "ann@camden.invalid")
    for rule in _staff_rules(any_app):
        if "GET" not in rule.methods:
            response = client.get(_example_url(any_app, rule))
            assert response.status_code in (404, 405), rule.rule
    assert client.get("/en/staff/").status_code == 200  # still signed in
