"""`/admin/`: what the signed-in account may edit, and the audit log (the admin's)."""

from flask import abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select

from accounts.models import Account
from blueprints.edits import editing_blueprint
from catalog.models import Person, db
from editing.audit import AuditEntry
from importing.limits import whole_number_in

bp = editing_blueprint("admin", __name__)
AUDIT_PAGE = 50


@bp.get("/")
@login_required
def home():
    """List the profiles this account may edit: every one for the admin, else its own."""
    if current_user.is_admin:
        people = list(db.session.scalars(select(Person).order_by(Person.name)))
        accounts = list(db.session.scalars(select(Account).order_by(Account.email)))
    else:
        people = [current_user.person] if current_user.person else []
        accounts = []
    return render_template("admin/home.html", people=people, accounts=accounts)


@bp.get("/audit")
@login_required
def audit():
    """Every saved edit, newest first: who, when, what, and each field before and after."""
    if not current_user.is_admin:
        abort(403)
    page = whole_number_in(request.args.get("page", "1"), 1, 100_000) or 1
    total = db.session.scalar(select(func.count(AuditEntry.id)))
    entries = db.session.scalars(
        select(AuditEntry)
        .order_by(AuditEntry.id.desc())
        .offset((page - 1) * AUDIT_PAGE)
        .limit(AUDIT_PAGE)
    ).all()
    return render_template(
        "admin/audit.html",
        entries=entries,
        page=page,
        more=total > page * AUDIT_PAGE,
        total=total,
    )


@bp.app_template_filter("audit_value")
def audit_value(value) -> str:
    """A field's value as the audit page shows it: a list or a mapping a line per item."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(f"{name}: {item}" for name, item in value.items())
    return str(value)
