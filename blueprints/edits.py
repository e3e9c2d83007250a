"""One edit made in the browser: the writer's turn, the change, its audit entry, one commit.

Forms write through the import's operations, so an edit reaches every page, feed,
export and the search index as an import does: at its commit.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import Blueprint, render_template
from flask_login import current_user
from flask_wtf import FlaskForm

from catalog.models import db
from editing.audit import log_change
from webapp.write_turns import StorageFailure, write_turn

Result = TypeVar("Result")


class ButtonForm(FlaskForm):
    """A form that is only its button (and its CSRF token)."""


class EditLog:
    """The audit entries of one write, added to its transaction just before the commit."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = []

    def note(self, action: str, subject: str, before: dict[str, Any], after: dict[str, Any]):
        self.entries.append((action, subject, before, after))


@contextmanager
def write_edit() -> Iterator[EditLog]:
    """Make the block's change as one write and commit it with the entries it notes.

    Anything raised in the block undoes all of it.
    """
    account = current_user._get_current_object()
    # Start the write afresh: a read begun earlier in the request cannot become a write
    # while another process writes (see webapp/write_turns.py).
    db.session.rollback()
    with write_turn(say_waiting=False):
        try:
            log = EditLog()
            yield log
            db.session.flush()
            for entry in log.entries:
                log_change(account, *entry)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


@contextmanager
def one_edit(action: str, subject: str, fields: Callable[[], dict[str, Any]]) -> Iterator[None]:
    """Make the block's change to one subject, logged with `fields()` before and after
    (`fields` reads the subject afresh; {} once it is deleted)."""
    with write_edit() as log:
        before = fields()
        yield
        db.session.flush()
        log.note(action, subject, before, fields())


def trial(change: Callable[[], Result]) -> Result:
    """Make a change only to see what it would do (a preview), then undo it."""
    db.session.rollback()
    with write_turn(say_waiting=False):
        try:
            return change()
        finally:
            db.session.rollback()


def _storage_failure(error: StorageFailure):
    return render_template("admin/failed.html", message=error.message), 503


def editing_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint of `/admin` pages: never kept by a cache, a storage failure as a page."""
    bp = Blueprint(name, import_name, url_prefix="/admin")

    @bp.after_request
    def _never_stored(response):
        # An admin page is the account's own: no cache may keep it.
        response.headers["Cache-Control"] = "no-store"
        return response

    bp.register_error_handler(StorageFailure, _storage_failure)
    return bp
