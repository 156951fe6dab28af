"""Passwords are stored as salted scrypt hashes at werkzeug's full cost, never as they were typed."""

from app.auth import passwords


def test_passwords_are_hashed_with_scrypt_at_full_cost():
    stored = passwords.hash_password("correct horse battery staple")
    assert stored.startswith("scrypt:32768:8:1$")
    assert "correct horse battery staple" not in stored


def test_the_same_password_hashes_differently_each_time():
    assert passwords.hash_password("same password here") != passwords.hash_password("same password here")


def test_a_hash_matches_only_its_password():
    stored = passwords.hash_password("correct horse battery staple")
    assert passwords.password_matches(stored, "correct horse battery staple")
    assert not passwords.password_matches(stored, "Correct horse battery staple")


def test_the_dummy_check_for_unknown_emails_costs_a_real_hash(monkeypatch):
    checked = []
    monkeypatch.setattr(passwords, "check_password_hash", lambda h, p: checked.append(h) or False)
    passwords.spend_hash_time("anything")
    assert len(checked) == 1 and checked[0].startswith("scrypt:32768:")
