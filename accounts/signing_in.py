"""Signing in: one answer for an unknown address and a wrong password, and throttling.

Failed attempts are rows in the database, so several gunicorn workers throttle
together: after `MAX_FAILURES` failures for one address, or `MAX_CLIENT_FAILURES` from
one client, within `WINDOW`, every attempt is refused until the window has passed.
"""

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from accounts.models import PASSWORD_METHOD, Account, FailedSignIn
from catalog.models import db

MAX_FAILURES = 5
MAX_CLIENT_FAILURES = 20
WINDOW = timedelta(minutes=15)
# Checked against when the address is unknown, so that answer takes as long as a wrong
# password does.
_NO_ACCOUNT_HASH = generate_password_hash(secrets.token_hex(16), method=PASSWORD_METHOD)


class Throttled(Exception):
    """Too many failed sign-ins for this address or client; try again later."""


def authenticate(email: str, password: str, client: str) -> Account | None:
    """Return the active account these credentials open, or None; raise Throttled."""
    email = normal_email(email)
    keys = (f"email:{email}", f"client:{client}")
    since = datetime.now(UTC) - WINDOW
    failures = [
        db.session.scalar(
            select(func.count(FailedSignIn.id)).where(
                FailedSignIn.key == key, FailedSignIn.at > since
            )
        )
        for key in keys
    ]
    if failures[0] >= MAX_FAILURES or failures[1] >= MAX_CLIENT_FAILURES:
        raise Throttled
    account = db.session.scalar(select(Account).filter_by(email=email))
    if account is None:
        opened = check_password_hash(_NO_ACCOUNT_HASH, password)
    else:
        opened = account.check_password(password)
    if account is None or not opened or not account.is_active:
        db.session.add_all(FailedSignIn(key=key) for key in keys)
        db.session.execute(delete(FailedSignIn).where(FailedSignIn.at <= since))
        db.session.commit()
        return None
    return account


def normal_email(email: str) -> str:
    return email.strip().lower()
