"""Password hashing (scrypt, salted by werkzeug). Plain passwords are never stored or logged."""

from __future__ import annotations

import functools
import secrets

from werkzeug.security import check_password_hash, generate_password_hash

METHOD = "scrypt"
# NCSC guidance: length beats complexity rules. The upper bound keeps one hash cheap.
MIN_LENGTH = 12
MAX_LENGTH = 128


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=METHOD)


def password_matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def spend_hash_time(password: str) -> None:
    """Check a password against a throwaway hash, so an unknown email takes as long as a known one."""
    password_matches(_dummy_hash(), password)


def warm_up() -> None:
    _dummy_hash()
