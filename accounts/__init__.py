"""Accounts: who signs in (Flask-Login), forms protected from cross-site posts (Flask-WTF).

`init_app` sets the session cookie's safe defaults, loads the account of a session only
while its session version still matches, and adds the `users` commands.
"""

from flask import Flask
from flask_babel import gettext
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from accounts.cli import users_cli
from accounts.models import Account
from catalog.models import db
from catalog.wording import N_

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = N_("Sign in to see that page.")
login_manager.localize_callback = gettext  # the message is flashed in the site's language
csrf = CSRFProtect()

# The site's defaults for its cookies (`create_app` applies them before the settings).
COOKIE_DEFAULTS = {
    # Sent over HTTPS only; set it False to sign in over plain http on another host.
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
}


# Sessions are signed with SECRET_KEY: a guessable one lets anyone sign in as anyone.
MIN_SECRET_KEY_CHARS = 32
PLACEHOLDER_KEYS = {"dev", "development", "secret", "changeme", "change-me", "test", "key"}


def secret_key_problem(key: str | bytes | None) -> str:
    """Say why a secret key is guessable, or return "" if it is not."""
    text = key.decode(errors="replace") if isinstance(key, bytes) else str(key or "")
    if text.strip().lower() in PLACEHOLDER_KEYS:
        return "a placeholder"
    if len(text) < MIN_SECRET_KEY_CHARS:
        return f"fewer than {MIN_SECRET_KEY_CHARS} characters"
    return ""


@login_manager.user_loader
def _load_account(session_id: str) -> Account | None:
    account_id, _, version = session_id.partition(":")
    if not account_id.isdigit() or not version.isdigit():
        return None
    # Read afresh: another process may have ended the session a moment ago.
    account = db.session.get(Account, int(account_id), populate_existing=True)
    if account is None or account.session_version != int(version) or not account.is_active:
        return None  # signed out everywhere, a new password, or disabled
    return account


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    csrf.init_app(app)
    app.cli.add_command(users_cli)
