"""Making and changing accounts: the rules the `users` commands and the admin pages share."""

from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import Account
from accounts.signing_in import normal_email
from catalog.models import Person, db
from catalog.wording import N_

MIN_PASSWORD_CHARS = 12


class AccountRefused(ValueError):
    """The account cannot be made or changed so; the message says why."""


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        message = _("a password needs at least %(num)d characters", num=MIN_PASSWORD_CHARS)
        raise AccountRefused(message)


def check_new_email(email: str) -> str:
    """Return the address as accounts keep it, if a new account may have it."""
    email = normal_email(email)
    if "@" not in email or len(email) > 300:
        raise AccountRefused(_("%(email)s is not an e-mail address", email=repr(email)))
    if db.session.scalar(select(Account).filter_by(email=email)):
        raise AccountRefused(_("an account for %(email)s exists already", email=repr(email)))
    return email


def new_account(email: str, password: str, is_admin: bool, person: Person | None) -> Account:
    """Add an account to the session (the caller commits)."""
    email = check_new_email(email)
    check_new_password(password)
    account = Account(email=email, is_admin=is_admin, person=person)
    account.set_password(password)
    db.session.add(account)
    return account


def set_disabled(account: Account, disabled: bool) -> None:
    """Stop an account from signing in (its sessions end), or let it again."""
    if disabled and not account.disabled:
        account.session_version += 1
    account.disabled = disabled


def account_fields(account: Account | None) -> dict:
    """What the audit log keeps of an account (never its password); the names of its
    fields are marked for its page to translate."""
    if account is None:
        return {}
    return {
        N_("e-mail address"): account.email,
        N_("role"): "admin" if account.is_admin else "owner",
        N_("profile"): account.person.slug if account.person else "",
        N_("state"): "disabled" if account.disabled else "active",
    }
