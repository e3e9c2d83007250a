"""Signing in: one answer for an unknown address and a wrong password, and throttling.

Attempts are rows in the database, so several gunicorn workers throttle together: each
is counted before its password is checked (and forgotten if it succeeds); after
`MAX_FAILURES` for one address, or `MAX_CLIENT_FAILURES` from one client, within
`WINDOW`, every attempt is refused until the window has passed.
"""

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from werkzeug.security import check_password_hash, generate_password_hash

from accounts.models import PASSWORD_METHOD, Account, FailedSignIn
from catalog.models import db

MAX_FAILURES = 5
MAX_CLIENT_FAILURES = 20
WINDOW = timedelta(minutes=15)
# PostgreSQL's advisory lock that orders the counting of sign-in attempts (a number the
# site uses for nothing else; see webapp/write_turns.py for the writers' one).
COUNTING_LOCK = 0x5C401C
# Checked against when the address is unknown, so that answer takes as long as a wrong
# password does.
_NO_ACCOUNT_HASH = generate_password_hash(secrets.token_hex(16), method=PASSWORD_METHOD)


class Throttled(Exception):
    """Too many failed sign-ins for this address or client; try again later."""


def authenticate(email: str, password: str, client: str) -> Account | None:
    """Return the active account these credentials open, or None; raise Throttled."""
    email = normal_email(email)
    attempt = _count_attempt((f"email:{email}", f"client:{client}"))
    account = db.session.scalar(select(Account).filter_by(email=email))
    if account is None:
        opened = check_password_hash(_NO_ACCOUNT_HASH, password)
    else:
        opened = account.check_password(password)
    if account is None or not opened or not account.is_active:
        db.session.rollback()
        return None  # the attempt stays counted as a failure
    db.session.execute(delete(FailedSignIn).where(FailedSignIn.id.in_(attempt)))
    db.session.commit()
    return account


def _count_attempt(keys: tuple[str, str]) -> list[int]:
    """Count an attempt against its address and client before its password is checked;
    return its rows (deleted if it succeeds), or raise Throttled.

    Counting first, in a write of its own, makes the limit exact across processes:
    concurrent attempts are counted one at a time, so no more than the limit get their
    password checked. On SQLite the insert takes the write lock; on PostgreSQL, where
    concurrent inserts do not see each other, an advisory lock orders the counts.
    """
    # The insert must be the transaction's first statement: a transaction that has read
    # cannot wait for SQLite's write lock (see webapp/write_turns.py).
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": COUNTING_LOCK})
    since = datetime.now(UTC) - WINDOW
    rows = [FailedSignIn(key=key) for key in keys]
    db.session.add_all(rows)
    db.session.flush()
    counts = [
        db.session.scalar(
            select(func.count(FailedSignIn.id)).where(
                FailedSignIn.key == key, FailedSignIn.at > since
            )
        )
        for key in keys
    ]
    db.session.execute(delete(FailedSignIn).where(FailedSignIn.at <= since))
    attempt = [row.id for row in rows]
    db.session.commit()
    if counts[0] > MAX_FAILURES or counts[1] > MAX_CLIENT_FAILURES:
        raise Throttled
    return attempt


def normal_email(email: str) -> str:
    return email.strip().lower()
