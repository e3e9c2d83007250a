"""One number that changes with every committed change to the content, for caches.

It is raised in the same transaction as the change (at flush), so every process sees
it change exactly when the change itself becomes visible.
"""

from itertools import chain

from sqlalchemy import event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog import models
from catalog.bulk_writes import on_bulk_write
from catalog.models import db

# What the site shows: a change to any of these changes pages.
CONTENT = tuple(
    getattr(models, name)
    for name in (
        "Authorship",
        "Person",
        "PersonAlias",
        "PersonLink",
        "ProfileSection",
        "Publication",
        "PublicationLink",
        "Selection",
        "Unlinked",
        "Venue",
    )
)


class ContentVersion(db.Model):
    """The single row holding the content's version number."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(default=0)


def register_listener() -> None:
    if not event.contains(db.session, "after_flush", _raise_after_flush):
        event.listen(db.session, "after_flush", _raise_after_flush)
    on_bulk_write(_raise_version)


def _raise_after_flush(session: Session, _flush_context) -> None:
    if any(isinstance(obj, CONTENT) for obj in chain(session.new, session.dirty, session.deleted)):
        _raise_version(session)


def _raise_version(session: Session, _written=None) -> None:
    connection = session.connection()
    raised = connection.execute(update(ContentVersion).values(number=ContentVersion.number + 1))
    if not raised.rowcount:
        connection.execute(ContentVersion.__table__.insert().values(id=1, number=1))


def current_version() -> int:
    """Return the content's version number (0 before the first change)."""
    return db.session.scalar(select(ContentVersion.number)) or 0
