"""Lockout after repeated wrong passwords, counted in the database so that it holds across workers."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import update

from app.auth import lockout
from app.auth.models import User
from app.extensions import db
from app.models import utcnow
from tests.integration.test_auth_support import (
    GENERIC_ERROR,
    PASSWORD,
    STAFF_HOME,
    another_app,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    error_texts,
    fresh_user,
    make_user,
    sign_in,
    sign_in_outcomes,
    staff_client,
)

EMAIL = "ann@camden.invalid"


def test_failures_on_two_workers_add_up_to_a_lockout(any_app):
    make_user(EMAIL)
    threshold = any_app.config["LOCKOUT_THRESHOLD"]
    with another_app(any_app) as other:
        workers = [staff_client(any_app), staff_client(other)]
        for attempt in range(threshold):
            response = sign_in(workers[attempt % 2], EMAIL, "not the password")
            assert GENERIC_ERROR in " ".join(error_texts(response.get_data(as_text=True)))
            if attempt < threshold - 1:
                assert fresh_user(EMAIL).failed_sign_ins == attempt + 1

        locked_until = fresh_user(EMAIL).locked_until
        expected = utcnow() + dt.timedelta(minutes=any_app.config["LOCKOUT_MINUTES"])
        assert locked_until is not None and abs((locked_until - expected).total_seconds()) < 60

        for worker in workers:  # now the right password is refused, on either worker
            response = sign_in(worker, EMAIL, PASSWORD)
            assert response.status_code == 200
            assert GENERIC_ERROR in " ".join(error_texts(response.get_data(as_text=True)))
            assert "wait 15 minutes" in response.get_data(as_text=True)
    assert sign_in_outcomes() == ["wrong-password"] * threshold + ["locked", "locked"]


def test_a_locked_account_says_nothing_an_unknown_one_does_not(any_app):
    make_user(EMAIL)
    db.session.execute(update(User).values(locked_until=utcnow() + dt.timedelta(minutes=10)))
    db.session.commit()
    locked = sign_in(staff_client(any_app), EMAIL, PASSWORD)
    unknown = sign_in(staff_client(any_app), "nobody@camden.invalid", PASSWORD)
    assert locked.status_code == unknown.status_code == 200
    assert error_texts(locked.get_data(as_text=True)) == error_texts(unknown.get_data(as_text=True))


def test_attempts_while_locked_do_not_extend_the_lock(any_app):
    make_user(EMAIL)
    until = utcnow().replace(microsecond=0) + dt.timedelta(minutes=10)
    db.session.execute(update(User).values(locked_until=until))
    db.session.commit()
    sign_in(staff_client(any_app), EMAIL, "not the password")
    user = fresh_user(EMAIL)
    assert user.locked_until == until
    assert user.failed_sign_ins == 0


def test_the_lock_ends_after_its_time_and_the_count_starts_again(any_app):
    make_user(EMAIL)
    for _ in range(any_app.config["LOCKOUT_THRESHOLD"]):
        sign_in(staff_client(any_app), EMAIL, "not the password")
    assert lockout.is_locked(fresh_user(EMAIL))
    # Move the lock into the past, as if LOCKOUT_MINUTES had gone by.
    db.session.execute(update(User).values(locked_until=utcnow() - dt.timedelta(seconds=1)))
    db.session.commit()

    response = sign_in(staff_client(any_app), EMAIL, PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == STAFF_HOME
    user = fresh_user(EMAIL)
    assert (user.failed_sign_ins, user.locked_until) == (0, None)


def test_concurrent_failures_are_all_counted(any_app):
    """Read-modify-write in Python would lose counts here; one UPDATE per failure cannot."""
    user_id = make_user(EMAIL).id  # read here: the test's session is not for sharing between threads
    errors = []

    def fail_once(other):
        try:
            with other.app_context():
                lockout.record_failure(user_id)
                db.session.commit()
                db.session.remove()
        except Exception as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)

    with another_app(any_app, LOCKOUT_THRESHOLD=1000) as other:
        threads = [threading.Thread(target=fail_once, args=(other,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert fresh_user(EMAIL).failed_sign_ins == 8
