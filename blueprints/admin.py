"""`/admin/`: what the signed-in account may edit; for the admin, people, accounts and the
audit log; for everyone, their own password."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from accounts.management import (
    AccountRefused,
    account_fields,
    check_new_password,
    new_account,
    set_disabled,
)
from accounts.models import Account
from blueprints.edits import ButtonForm, editing_blueprint, one_edit, write_edit
from catalog import lengths
from catalog.activities import ACTIVITY_KINDS
from catalog.models import Person, db
from catalog.names import slugify
from catalog.operations import ContentConflict, delete_person, upsert_person
from catalog.queries import find_person
from catalog.records import PersonRecord
from catalog.wording import N_
from editing.audit import AuditEntry, person_fields
from importing.limits import whole_number_in

bp = editing_blueprint("admin", __name__)
AUDIT_PAGE = 50
ADMIN_ROLE = "admin"
THE_TWO_DIFFER = lazy_gettext("The two differ.")
# What an audit entry's subject begins with ("person ada-lovelace"), translated on its page.
SUBJECT_KINDS = (N_("person"), N_("paper"), N_("account"))


class NewPersonForm(FlaskForm):
    name = StringField(lazy_gettext("Name"), validators=[DataRequired(), Length(max=lengths.NAME)])
    slug = StringField(
        lazy_gettext("Web address (/people/…; made from the name if empty)"),
        [Length(max=lengths.SLUG)],
    )


class NewAccountForm(FlaskForm):
    email = EmailField(lazy_gettext("E-mail address"), [DataRequired(), Length(max=300)])
    role = SelectField(lazy_gettext("Keeps"), validate_choice=False)
    password = PasswordField(
        lazy_gettext("Password (12 characters or more)"), [DataRequired(), Length(max=1000)]
    )
    repeated = PasswordField(
        lazy_gettext("The password again"), [EqualTo("password", THE_TWO_DIFFER)]
    )


class PasswordForm(FlaskForm):
    current = PasswordField(lazy_gettext("Your password now"), [DataRequired(), Length(max=1000)])
    password = PasswordField(
        lazy_gettext("A new password (12 characters or more)"), [DataRequired(), Length(max=1000)]
    )
    repeated = PasswordField(
        lazy_gettext("The new password again"), [EqualTo("password", THE_TWO_DIFFER)]
    )


def _admin_only() -> None:
    if not current_user.is_admin:
        abort(403)


def _home(status: int = 200, **forms):
    """The account's page, with the forms it shows (those given keep what was typed)."""
    people, accounts = [], []
    if current_user.is_admin:
        people = list(db.session.scalars(select(Person).order_by(Person.name)))
        accounts = list(db.session.scalars(select(Account).order_by(Account.email)))
    elif current_user.person:
        people = [current_user.person]
    account_form = forms.get("account_form") or NewAccountForm()
    # Making an admin is chosen on purpose: it comes last, and is never the default.
    account_form.role.choices = [
        SelectChoice(person.slug, _("the profile of %(name)s", name=person.name))
        for person in people
    ] + [SelectChoice(ADMIN_ROLE, _("everything (the site's admin)"))]
    return render_template(
        "admin/home.html",
        people=people,
        accounts=accounts,
        person_form=forms.get("person_form") or NewPersonForm(),
        account_form=account_form,
        password_form=forms.get("password_form") or PasswordForm(),
        button=ButtonForm(),
        problem=forms.get("problem", ""),
    ), status


@bp.get("/")
@login_required
def home():
    """List the profiles this account may edit: every one for the admin, else its own."""
    return _home()


@bp.post("/people/new")
@login_required
def add_person():
    """Add a member's profile (the admin's)."""
    _admin_only()
    form = NewPersonForm()
    if not form.validate_on_submit():
        return _home(400, person_form=form, problem=_("Give the new member's name."))
    slug = slugify(form.slug.data or form.name.data)
    if not slug or find_person(slug):
        if slug:
            problem = _("the web address %(slug)s is taken", slug=repr(slug))
        else:
            problem = _("the name makes no address")
        return _home(400, person_form=form, problem=_("Not added: %(problem)s.", problem=problem))
    try:
        with one_edit(
            N_("person added"), f"person {slug}", lambda: person_fields(find_person(slug))
        ):
            upsert_person(PersonRecord(slug=slug, name=form.name.data.strip()))
    except ContentConflict as error:
        return _home(400, person_form=form, problem=_("Not added: %(problem)s.", problem=error))
    flash(_("Added %(name)s: fill in the profile below.", name=form.name.data.strip()))
    return redirect(url_for("profile_editing.profile", slug=slug))


@bp.route("/people/<slug>/delete", methods=["GET", "POST"])
@login_required
def delete_profile(slug: str):
    """Confirm, then delete a member's profile; their papers stay (the admin's)."""
    _admin_only()
    person = find_person(slug) or abort(404)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400, _("The form expired; go back, reload the page and try again."))
        with one_edit(
            N_("person deleted"), f"person {slug}", lambda: person_fields(find_person(slug))
        ):
            delete_person(find_person(slug))
        flash(_("Deleted the profile of %(name)s; the papers stay on the site.", name=person.name))
        return redirect(url_for(".home"))
    return render_template("admin/delete_profile.html", person=person, form=form)


@bp.post("/accounts/new")
@login_required
def add_account():
    """Make an account for a member, or another admin (the admin's)."""
    _admin_only()
    form = NewAccountForm()
    if not form.validate_on_submit():
        return _home(400, account_form=form, problem=_("Not made: see the account form."))
    person = None if form.role.data == ADMIN_ROLE else find_person(form.role.data)
    if form.role.data != ADMIN_ROLE and person is None:
        problem = _("Not made: choose what the account keeps.")
        return _home(400, account_form=form, problem=problem)
    email = form.email.data
    try:
        with one_edit(N_("account added"), f"account {email}", lambda: _account_fields(email)):
            new_account(email, form.password.data, person is None, person)
    except AccountRefused as error:
        return _home(400, account_form=form, problem=_("Not made: %(problem)s.", problem=error))
    flash(_("Made an account for %(email)s: give them the password in a safe way.", email=email))
    return redirect(url_for(".home"))


def _account_fields(email: str) -> dict:
    email = email.strip().lower()
    return account_fields(db.session.scalar(select(Account).filter_by(email=email)))


@bp.post("/accounts/<int:account_id>/<any(disable, enable):change>")
@login_required
def change_account(account_id: int, change: str):
    """Stop an account from signing in (its sessions end), or let it again (the admin's)."""
    _admin_only()
    account = db.session.get(Account, account_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; go back, reload the page and try again."))
    if account.id == current_user.id:
        return _home(400, problem=_("You cannot disable your own account here."))
    email, disabling = account.email, change == "disable"
    action = N_("account disabled") if disabling else N_("account enabled")
    with one_edit(action, f"account {email}", lambda: _account_fields(email)):
        set_disabled(db.session.get(Account, account_id), disabling)
    if disabling:
        flash(_("%(email)s is disabled.", email=email))
    else:
        flash(_("%(email)s is enabled.", email=email))
    return redirect(url_for(".home"))


@bp.post("/password")
@login_required
def change_password():
    """Change one's own password; every session of the account ends, this one too."""
    form = PasswordForm()
    if not form.validate_on_submit():
        return _home(400, password_form=form, problem=_("Password not changed: see the form."))
    if not current_user.check_password(form.current.data):
        problem = _("Password not changed: the one now is wrong.")
        return _home(400, password_form=form, problem=problem)
    try:
        check_new_password(form.password.data)
    except AccountRefused as error:
        problem = _("Password not changed: %(problem)s.", problem=error)
        return _home(400, password_form=form, problem=problem)
    account_id, email = current_user.id, current_user.email
    with write_edit() as log:
        db.session.get(Account, account_id).set_password(form.password.data)
        field = N_("password")
        log.note(N_("password changed"), f"account {email}", {field: "old"}, {field: "new"})
    flash(
        _("Your password is changed, and every session of your account has ended: sign in again.")
    )
    return redirect(url_for("accounts.login"))


@bp.get("/audit")
@login_required
def audit():
    """Every saved edit, newest first: who, when, what, and each field before and after."""
    _admin_only()
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


# The audit log names a list besides papers by its name ("talks"), shown as its heading.
ACTIVITY_FIELDS = {kind.name: kind.heading for kind in ACTIVITY_KINDS}


@bp.app_template_filter("audit_word")
def audit_word(word: str) -> str:
    """An audit entry's action or field name as a page shows it: in the site's language
    where the catalogue has it (the log keeps the English words), else as logged."""
    if word in ACTIVITY_FIELDS:
        return _(ACTIVITY_FIELDS[word]).lower()
    return _(word) if word else word  # the catalogue's "" is its header


@bp.app_template_filter("audit_subject")
def audit_subject(subject: str) -> str:
    """An audit entry's subject ("person ada-lovelace") with its first word translated."""
    kind, space, name = subject.partition(" ")
    return f"{audit_word(kind)}{space}{name}"


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
