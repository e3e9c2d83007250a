"""`/admin`: what the signed-in account may edit (the editing forms come here next)."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from catalog.models import Person, db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.after_request
def _never_stored(response):
    # An admin page is the account's own: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
@login_required
def home():
    """List the profiles this account may edit: every one for the admin, else its own."""
    if current_user.is_admin:
        people = list(db.session.scalars(select(Person).order_by(Person.name)))
    else:
        people = [current_user.person] if current_user.person else []
    return render_template("admin/home.html", people=people)
