"""The session list (app/shortlist/list.py) read as untrusted input, the email address check, and the email
message itself (UTF-8, headers), without a database or a mail server."""

from __future__ import annotations

import uuid

import pytest

from app.shortlist.forms import ADDRESS
from app.shortlist.list import MAX_ITEMS, SESSION_KEY, Shortlist, canonical_id, clean_ids
from app.shortlist.mailer import MailSettings, build_message

ONE = "3f1c1e9a-53a4-4c8e-9f43-6f0e2b8c1d10"
TWO = "9b2a7e55-0c1d-4f7a-8e3b-2d6c5a4f9e01"


def _ids(n: int) -> list[str]:
    return [str(uuid.UUID(int=i + 1, version=4)) for i in range(n)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (ONE, ONE),
        (ONE.upper(), ONE),
        ("{" + ONE + "}", ONE),
        (ONE.replace("-", ""), ONE),
        ("not-a-uuid", None),
        ("", None),
        (None, None),
        (12345, None),
        ([ONE], None),
        (ONE + "0" * 64, None),
    ],
)
def test_canonical_id(raw, expected):
    assert canonical_id(raw) == expected


def test_a_clean_list_is_kept_as_it_is():
    assert clean_ids([ONE, TWO]) == ([ONE, TWO], False)
    assert clean_ids(None) == ([], False)


@pytest.mark.parametrize(
    "stored",
    [
        "a string",
        {"ids": [ONE]},
        42,
        [ONE, 7],
        [ONE, "junk"],
        [ONE, ONE],
        [ONE.upper()],  # canonical ids only: the list never holds two spellings of one service
        [None, ONE],
    ],
)
def test_a_tampered_list_is_cleaned_and_says_so(stored):
    ids, changed = clean_ids(stored)
    assert changed
    assert ids in ([], [ONE])


def test_a_list_past_the_maximum_is_cut_to_it():
    ids, changed = clean_ids(_ids(MAX_ITEMS + 5))
    assert changed and ids == _ids(MAX_ITEMS)


def test_add_remove_clear_in_a_plain_mapping():
    store: dict = {}
    shortlist = Shortlist(store)
    assert shortlist.add(ONE) == "added"
    assert shortlist.add(ONE) == "already"
    assert shortlist.add(TWO) == "added"
    assert store[SESSION_KEY] == [ONE, TWO]
    assert ONE in shortlist and len(shortlist) == 2
    assert shortlist.remove(ONE) and not shortlist.remove(ONE)
    assert store[SESSION_KEY] == [TWO]
    shortlist.clear()
    assert SESSION_KEY not in store, "an empty list leaves nothing in the session"


def test_the_list_refuses_to_grow_past_the_maximum():
    store = {SESSION_KEY: _ids(MAX_ITEMS)}
    shortlist = Shortlist(store)
    assert shortlist.add(ONE) == "full"
    assert len(store[SESSION_KEY]) == MAX_ITEMS and ONE not in store[SESSION_KEY]


def test_reading_a_tampered_session_writes_the_clean_list_back():
    store = {SESSION_KEY: [ONE, "junk", ONE]}
    shortlist = Shortlist(store)
    assert shortlist.cleaned
    assert store[SESSION_KEY] == [ONE]
    store = {SESSION_KEY: "junk"}
    assert Shortlist(store).cleaned and SESSION_KEY not in store


@pytest.mark.parametrize(
    "address",
    ["name@example.com", "first.last+lists@sub.example.co.uk", "o'brien@example.org", "a@b.cd", "x@xn--80ak6aa92e.com"],
)
def test_addresses_we_send_to(address):
    assert ADDRESS.match(address)


@pytest.mark.parametrize(
    "address",
    [
        "name",
        "name@",
        "@example.com",
        "name@example",
        "name@@example.com",
        "name@example..com",
        ".name@example.com",
        "na..me@example.com",
        "name @example.com",
        "name@example.com, other@example.com",
        "name@example.com\nBcc: other@example.com",
        "Name <name@example.com>",
        '"name"@example.com',
        "näme@example.com",
        "name@-example.com",
        "a" * 65 + "@example.com",
    ],
)
def test_addresses_we_refuse(address):
    assert not ADDRESS.match(address)


def test_the_message_is_utf8_plain_text_with_its_language():
    body = "আপনার তালিকা\nফোন: 020 7974 4444\n"
    message = build_message("Camden <no-reply@example.org>", "name@example.com", "আপনার তালিকা", body, "bn")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Content-Language"] == "bn"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@example.org>")
    assert message.get_content() == body
    assert str(message["Subject"]) == "আপনার তালিকা"
    assert "=?utf-8?" in message.as_string()  # the subject is encoded for the wire (RFC 2047)


def test_settings_without_a_server_or_sender_are_not_configured():
    assert not MailSettings.from_config({}).configured
    assert not MailSettings.from_config({"MAIL_SERVER": "localhost"}).configured
    settings = MailSettings.from_config({"MAIL_SERVER": "localhost", "MAIL_PORT": "2525", "MAIL_FROM": "a@b.cd"})
    assert settings.configured and settings.port == 2525 and not settings.use_tls
