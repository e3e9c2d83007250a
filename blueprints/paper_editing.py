"""`/admin/...papers`: add papers by pasting BibTeX, edit one as BibTeX, delete one.

Pasted or uploaded BibTeX goes through the import's reader, linter and writes
(`importing.loader.load_bibtex_text`); a preview runs them and undoes them, so what it
reports is what saving will do. Nothing is saved until the preview is confirmed.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import TextAreaField

from blueprints.edits import ButtonForm, editing_blueprint, one_edit, trial, write_edit
from catalog.models import Publication, db
from catalog.names import publication_key
from catalog.operations import delete_publication, replace_publication, take_off_list
from catalog.queries import find_person
from catalog.wording import N_
from editing.audit import differences, paper_fields
from editing.permissions import (
    Holdings,
    holdings,
    member_authors,
    paper_to_edit,
    person_to_edit,
    write_refusal,
)
from importing.bibtex_reader import read_bibtex
from importing.limits import MAX_FILE_BYTES, unreadable_text_reason
from importing.linter import lint_records
from importing.loader import load_bibtex_text
from importing.report import LoadReport, problem_lines
from publishing.bibtex_writer import publications_bibtex

bp = editing_blueprint("paper_editing", __name__)
PASTED = "pasted BibTeX"


class BibtexForm(FlaskForm):
    bibtex = TextAreaField(lazy_gettext("BibTeX"))
    bibtex_file = FileField(lazy_gettext("…or a .bib file"))


class NotTheirs(Exception):
    """Saving would leave a member with a paper that does not name them, or take theirs."""


def _posted_bibtex(form: BibtexForm) -> tuple[str, str]:
    """Return the BibTeX posted (the file if one was chosen) and why it is unreadable."""
    upload = form.bibtex_file.data
    if upload and upload.filename:
        data = upload.stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return "", _("the file is larger than %(mb)d MB", mb=MAX_FILE_BYTES // (1024 * 1024))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "", _("the file is not UTF-8 text")
    else:
        text = form.bibtex.data or ""
    text = text.replace("\r\n", "\n")  # a text area's lines, as a file has them
    if not text.strip():
        return text, _("paste BibTeX entries or choose a .bib file")
    return text, unreadable_text_reason(text)


def _papers_of(report: LoadReport) -> list[Publication]:
    return list(db.session.scalars(select(Publication).where(Publication.id.in_(report.paper_ids))))


def _check_theirs(before: Holdings | None, report: LoadReport) -> None:
    """An owner adds papers that name them and changes only their own (the admin, any)."""
    refusal = write_refusal(before, _papers_of(report))
    if refusal:
        raise NotTheirs(refusal)


@bp.route("/people/<slug>/papers/new", methods=["GET", "POST"])
@login_required
def add_papers(slug: str):
    """Paste or upload BibTeX, see what it would do, then save it."""
    person = person_to_edit(slug)
    form = BibtexForm()
    report, refusal, status = None, "", 200
    if request.method == "POST":
        # The token was checked before the view (CSRFProtect); what is left is the text.
        text, refusal = _posted_bibtex(form)
        form.bibtex.data = text
        if refusal:
            status = 400
        elif request.form.get("action") == "save":
            try:
                report = _save_papers(text, slug)
            except NotTheirs as error:
                refusal, status = str(error), 400
            else:
                flash(_("Saved: %(summary)s.", summary=load_summary(report)))
                return redirect(url_for("profile_editing.papers", slug=slug))
        else:
            report, refusal = trial(lambda: _previewed(text, slug))
            status = 200 if report.counts["rejected"] == 0 and not refusal else 422
    return render_template(
        "admin/add_papers.html",
        person=person,
        form=form,
        report=report,
        lines=problem_lines(report.problems) if report else [],
        refusal=refusal,
    ), status


@bp.app_template_filter("load_summary")
def load_summary(report: LoadReport) -> str:
    """What a load did, counted ("3 added, 0 updated, ..."), in the site's language."""
    return report.summary(_)


def _previewed(text: str, slug: str) -> tuple[LoadReport, str]:
    """What saving would do, and why it would be refused ("" if it would not)."""
    before = holdings(current_user)
    report = load_bibtex_text(text, PASTED, slug)
    return report, write_refusal(before, _papers_of(report))


def _save_papers(text: str, slug: str) -> LoadReport:
    with write_edit() as log:
        before = {paper.id: paper_fields(paper) for paper in _papers_of(_would_write(text, slug))}
        held = holdings(current_user)
        report = load_bibtex_text(text, PASTED, slug)
        _check_theirs(held, report)
        db.session.flush()
        for paper in _papers_of(report):
            action = N_("paper changed by BibTeX") if paper.id in before else N_("paper added")
            log.note(action, f"paper {paper.key}", before.get(paper.id, {}), paper_fields(paper))
    return report


def _would_write(text: str, slug: str) -> LoadReport:
    """The papers this BibTeX would write, found with a savepoint undone at once."""
    savepoint = db.session.begin_nested()
    try:
        return load_bibtex_text(text, PASTED, slug)
    finally:
        savepoint.rollback()


@bp.route("/papers/<key>/edit", methods=["GET", "POST"])
@login_required
def edit_paper(key: str):
    """Edit one paper as its BibTeX entry: preview the changes, then save them."""
    paper = paper_to_edit(key)
    form = BibtexForm()
    if request.method == "GET":
        form.bibtex.data = publications_bibtex([paper])
    changes, lines, refusal, status = {}, [], "", 200
    if request.method == "POST":
        text, refusal = _posted_bibtex(form)
        form.bibtex.data = text
        record = None
        if not refusal:
            record, lines, refusal = _one_record(text)
        if record is not None and publication_key(record.key) != key:
            refusal = _(
                "the key is the paper's web address and stays %(key)s; "
                "to file the paper under another key, add it anew and delete this one",
                key=paper.bibtex_key or key,
            )
            record = None
        if record is not None and request.form.get("action") == "save":
            try:
                with one_edit(N_("paper edited"), f"paper {key}", lambda: _paper_fields(key)):
                    _replace_keeping_owner(key, record)
            except NotTheirs as error:
                refusal = str(error)
            else:
                flash(_("Saved: the paper shows the change on every page and in search now."))
                return redirect(url_for("publications.detail", key=key))
        elif record is not None:
            changes = trial(lambda: _changes(key, record))
        status = 400 if refusal else 200
    return render_template(
        "admin/edit_paper.html",
        paper=paper,
        form=form,
        changes=changes,
        lines=lines,
        refusal=refusal,
    ), status


def _one_record(text: str):
    records, problems = read_bibtex(text, PASTED)
    problems += lint_records(records)
    lines = problem_lines(problems)
    if any(problem.severity == "error" for problem in problems):
        return None, lines, _("the entry has errors (listed below); nothing was saved")
    if len(records) != 1:
        refusal = _("give exactly one entry here (this has %(count)d)", count=len(records))
        return None, lines, refusal
    return records[0], lines, ""


def _paper_fields(key: str) -> dict:
    return paper_fields(db.session.scalars(select(Publication).filter_by(key=key)).first())


def _replace_keeping_owner(key: str, record) -> None:
    before = holdings(current_user)
    paper = db.session.scalars(select(Publication).filter_by(key=key)).one()
    replace_publication(paper, record)
    refusal = write_refusal(before, [paper])
    if refusal:
        raise NotTheirs(refusal)


def _changes(key: str, record) -> dict:
    before = _paper_fields(key)
    paper = db.session.scalars(select(Publication).filter_by(key=key)).one()
    replace_publication(paper, record)
    return differences(before, paper_fields(paper))


@bp.route("/papers/<key>/delete", methods=["GET", "POST"])
@login_required
def delete_paper(key: str):
    """Confirm, then delete a paper, or take a co-authored one off a member's list."""
    paper = paper_to_edit(key)
    members = member_authors(paper)
    named = request.args.get("person", "")
    person = find_person(named) if named else None
    if not current_user.is_admin:
        # An owner takes papers off their own list only.
        if named and (person is None or person.id != current_user.person_id):
            abort(403)
        person = current_user.person
    if person is not None and person not in members:
        abort(404)
    # An owner's co-authored paper only leaves their list; the admin may delete any.
    others = [member for member in members if person is None or member.id != person.id]
    may_delete = current_user.is_admin or not others
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400, _("The form expired; go back, reload the page and try again."))
        how = request.form.get("how", "")
        if how == "delete" and may_delete:
            with one_edit(N_("paper deleted"), f"paper {key}", lambda: _paper_fields(key)):
                delete_publication(db.session.scalars(select(Publication).filter_by(key=key)).one())
            flash(
                _(
                    "Deleted “%(title)s”: it is gone from every page and from search.",
                    title=paper.title,
                )
            )
        elif how == "unlink" and person is not None:
            slug = person.slug
            with one_edit(N_("paper taken off a list"), f"paper {key}", lambda: _paper_fields(key)):
                take_off_list(
                    find_person(slug),
                    db.session.scalars(select(Publication).filter_by(key=key)).one(),
                )
            flash(
                _(
                    "“%(title)s” is off %(name)s's list; it stays for its co-authors.",
                    title=paper.title,
                    name=person.name,
                )
            )
        else:
            abort(400, _("Choose how to remove the paper."))
        target = person or current_user.person
        if target is None:
            return redirect(url_for("admin.home"))
        return redirect(url_for("profile_editing.papers", slug=target.slug))
    return render_template(
        "admin/delete_paper.html",
        paper=paper,
        person=person,
        others=others,
        may_delete=may_delete,
        form=form,
    )
