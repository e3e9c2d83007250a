"""Signing in and out: `/login` and `/logout`."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from accounts.signing_in import Throttled, authenticate
from catalog.models import db

bp = Blueprint("accounts", __name__)

WRONG = lazy_gettext("That e-mail address and password do not match an account.")
THROTTLED = lazy_gettext("Too many failed attempts: wait a quarter of an hour and try again.")


@bp.after_request
def _never_stored(response):
    # A page about an account is nobody else's: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


class SignInForm(FlaskForm):
    email = EmailField(lazy_gettext("E-mail address"), [DataRequired(), Length(max=300)])
    password = PasswordField(lazy_gettext("Password"), [DataRequired(), Length(max=1000)])
    remember = BooleanField(lazy_gettext("Keep me signed in on this device"), default=False)


class SignOutForm(FlaskForm):
    """Only a button: signing out is a POST, so another site cannot sign anyone out."""


def same_site_path(target: str | None) -> str:
    """Return `next` if it is a path of this site, else the account's own page.

    Browsers drop tabs and line breaks from an address and read a backslash as a slash,
    so "/\t/evil.example" would lead off the site: any of them, or a control character,
    refuses the address.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not any(char == "\\" or char.isspace() or ord(char) < 32 for char in target)
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("admin.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form, or sign in."""
    form = SignInForm()
    message, status = "", 200
    if form.validate_on_submit():
        try:
            account = authenticate(form.email.data, form.password.data, request.remote_addr or "")
        except Throttled:
            message, status = THROTTLED, 429
        else:
            if account is not None:
                login_user(account, remember=form.remember.data)
                return redirect(same_site_path(request.args.get("next")))
            message, status = WRONG, 401
    elif request.method == "POST":
        message, status = _("Give an e-mail address and a password."), 400
    return render_template("accounts/login.html", form=form, message=message), status


@bp.post("/logout")
def logout():
    """Sign out, ending every session of the account (on every device)."""
    if SignOutForm().validate_on_submit() and current_user.is_authenticated:
        current_user.session_version += 1
        db.session.commit()
        logout_user()
        flash(_("Signed out, on every device."))
        return redirect(url_for(".login"))
    return redirect(url_for("people.directory"))
