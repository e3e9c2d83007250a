"""Keeping the index in step with the database: changes noted at flush, written at commit."""

import logging

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from catalog.models import (
    Authorship,
    Person,
    PersonAlias,
    Publication,
    PublicationLink,
    Venue,
    db,
)
from search.documents import paper_documents, person_documents
from search.maintenance import rebuild
from search.schema import BULK_CHANGES, PENDING, WRITER_TIMEOUT, document_id
from search.store import SearchIndex, get_index

log = logging.getLogger(__name__)


def register_listeners() -> None:
    if event.contains(db.session, "after_flush", _capture_changes):
        return
    event.listen(db.session, "after_flush", _capture_changes)
    event.listen(db.session, "after_commit", _write_changes)
    event.listen(db.session, "after_soft_rollback", _drop_changes)


def _capture_changes(session: Session, _flush_context) -> None:
    """Note which documents a flush touched; they are written once the commit succeeds."""
    pending = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Publication):
            pending.add(("paper", obj.id))
        elif isinstance(obj, Authorship | PublicationLink):
            pending.add(("paper", obj.publication_id))
        elif isinstance(obj, Venue):
            pending.add(("venue", obj.id))
        elif isinstance(obj, Person):
            pending.add(("person", obj.id))
        elif isinstance(obj, PersonAlias):
            pending.add(("person", obj.person_id))


def _write_changes(session: Session) -> None:
    # Releasing a savepoint fires after_commit too; only the real commit counts.
    if session.in_nested_transaction():
        return
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    search_index = get_index()
    try:
        apply_changes(search_index, pending)
    except Exception:
        # The rows are saved whatever happens here: never fail the commit.
        log.exception("search index update failed; marked stale for repair")
        search_index.mark_stale()


def _drop_changes(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def apply_changes(search_index: SearchIndex, pending: set[tuple[str, int]]) -> None:
    """Write the committed state of the touched rows into the index, in one commit."""
    with Session(db.engine) as session:
        paper_ids = {ident for kind, ident in pending if kind == "paper"}
        person_ids = {ident for kind, ident in pending if kind == "person"}
        venue_ids = {ident for kind, ident in pending if kind == "venue"}
        if venue_ids:
            paper_ids |= set(
                session.scalars(select(Publication.id).where(Publication.venue_id.in_(venue_ids)))
            )
        if person_ids:
            paper_ids |= set(
                session.scalars(
                    select(Authorship.publication_id).where(Authorship.person_id.in_(person_ids))
                )
            )
        if len(paper_ids) > BULK_CHANGES:
            rebuild(search_index, session, procs=2)
            return
        documents = [*paper_documents(session, paper_ids), *person_documents(session, person_ids)]
    found = {document["id"] for document in documents}
    gone = {document_id("paper", i) for i in paper_ids} | {
        document_id("person", i) for i in person_ids
    }
    writer = search_index.open().writer(timeout=WRITER_TIMEOUT)
    try:
        for doc_id in gone - found:
            writer.delete_by_term("id", doc_id)
        for document in documents:
            writer.update_document(**document)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
