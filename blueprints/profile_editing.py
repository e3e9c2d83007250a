"""`/admin/people/<slug>/`: a member's profile, photo and selected papers, edited."""

from io import BytesIO
from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField

from blueprints.edits import ButtonForm, editing_blueprint, one_edit
from catalog.activities import ROLES
from catalog.operations import ContentConflict, order_selection, upsert_person
from catalog.queries import find_person, person_publications, selected_publications
from catalog.wording import N_
from editing.audit import person_fields
from editing.permissions import person_to_edit
from editing.photos import PhotoRefused, forget_photo, store_photo
from editing.profile_form import PROFILE_LINK_KINDS, form_for, profile_record

bp = editing_blueprint("profile_editing", __name__)


class PhotoForm(FlaskForm):
    photo = FileField(lazy_gettext("A new photo (JPEG, PNG, WebP or GIF, up to 5 MB)"))


def _fields_of(slug: str):
    return lambda: person_fields(find_person(slug))


@bp.route("/people/<slug>/", methods=["GET", "POST"])
@login_required
def profile(slug: str):
    """Show the profile form; preview the biography and sections, or save."""
    person = person_to_edit(slug)
    form = form_for(person, request.form if request.method == "POST" else None)
    problems, previewing, status = [], False, 200
    if form.validate_on_submit():
        record, found = profile_record(person, form)
        problems = [problem.message for problem in found]
        previewing = request.form.get("action") == "preview"
        if record is not None and not previewing:
            try:
                with one_edit(N_("profile edited"), f"person {slug}", _fields_of(slug)):
                    upsert_person(record)
            except ContentConflict as error:
                problems = [str(error)]
            else:
                flash(_("Saved: the profile shows the change now."))
                return redirect(url_for(".profile", slug=slug))
        if record is None or problems and not previewing:
            status = 400
    elif request.method == "POST":
        status = 400
    return _profile_page(person, form, problems, previewing), status


def _profile_page(person, form, problems: list[str], previewing: bool = False) -> str:
    return render_template(
        "admin/profile.html",
        person=person,
        form=form,
        photo_form=PhotoForm(),
        link_kinds=PROFILE_LINK_KINDS,
        roles=ROLES,
        problems=problems,
        previewing=previewing,
    )


@bp.post("/people/<slug>/photo")
@login_required
def photo(slug: str):
    """Replace the profile's photo with an upload, or (with `remove`) take it away."""
    person = person_to_edit(slug)
    form = PhotoForm()  # its token was checked before the view (CSRFProtect)
    files = Path(current_app.config["SITE_FILES_DIR"])
    address, old = "", person.photo
    if "remove" not in request.form:
        upload = form.photo.data
        try:
            address = store_photo(upload.stream if upload else BytesIO(), files, slug)
        except PhotoRefused as error:
            problem = _("the photo: %(problem)s", problem=error)
            return _profile_page(person, form_for(person), [problem]), 400
    with one_edit(N_("photo changed"), f"person {slug}", _fields_of(slug)):
        find_person(slug).photo = address
    if old != address:
        forget_photo(old, files)
    flash(_("Saved: the new photo shows now.") if address else _("The photo was removed."))
    return redirect(url_for(".profile", slug=slug))


@bp.route("/people/<slug>/papers", methods=["GET", "POST"])
@login_required
def papers(slug: str):
    """List a member's papers to edit, delete or select (and order the selected)."""
    person = person_to_edit(slug)
    form = ButtonForm()
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            status = 400
        else:
            chosen = _chosen_papers(request.form)
            theirs = {paper.id for paper in person_publications(person)}
            with one_edit(N_("selection changed"), f"person {slug}", lambda: _selection(slug)):
                order_selection(find_person(slug), [i for i in chosen if i in theirs])
            flash(_("Saved: the selected papers show on the profile in this order."))
            return redirect(url_for(".papers", slug=slug))
    papers = person_publications(person)
    selected = {paper.id: n for n, paper in enumerate(selected_publications(person), 1)}
    return render_template(
        "admin/papers.html", person=person, papers=papers, selected=selected, form=form
    ), status


def _chosen_papers(posted) -> list[int]:
    """The ids of the papers ticked, ordered by the numbers typed beside them."""
    chosen = []
    for n, value in enumerate(posted.getlist("selected")):
        if value.isdigit():
            order = posted.get(f"order-{value}", "")
            chosen.append((int(order) if order.isdigit() else 10_000 + n, n, int(value)))
    return [paper_id for _order, _n, paper_id in sorted(chosen)]


def _selection(slug: str) -> dict:
    person = find_person(slug)
    if person is None:
        return {}
    return {N_("selected"): [paper.key for paper in selected_publications(person)]}
