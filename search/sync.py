"""Keeping the index in step with the database: work recorded at flush, written at commit."""

import logging
import threading
import time

from flask import Flask, current_app
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from whoosh import index

from catalog.bulk_writes import on_bulk_write
from catalog.models import (
    Authorship,
    Person,
    PersonAlias,
    Publication,
    PublicationLink,
    Venue,
    db,
)
from search import outbox
from search.documents import paper_documents, person_documents
from search.maintenance import needs_repair, rebuild
from search.schema import (
    BULK_CHANGES,
    OUTBOX_CHECK_SECONDS,
    PENDING,
    SMALL_SITE,
    document_id,
)
from search.store import IndexFolder, get_index

log = logging.getLogger(__name__)


def register_listeners() -> None:
    if event.contains(db.session, "after_flush", _record_changes):
        return
    event.listen(db.session, "after_flush", _record_changes)
    event.listen(db.session, "after_commit", _drain_after_commit)
    event.listen(db.session, "after_soft_rollback", _forget_flag)
    on_bulk_write(_record_work)


def _record_changes(session: Session, _flush_context) -> None:
    """Record which documents a flush touched, in its transaction; written after the commit."""
    work = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Publication):
            work.add(("paper", obj.id))
        elif isinstance(obj, Authorship | PublicationLink):
            work.add(("paper", obj.publication_id))
        elif isinstance(obj, Venue):
            work.add(("venue", obj.id))
        elif isinstance(obj, Person):
            work.add(("person", obj.id))
        elif isinstance(obj, PersonAlias):
            work.add(("person", obj.person_id))
    _record_work(session, work)


def _record_work(session: Session, work: set[tuple[str, int]]) -> None:
    if work:
        outbox.record(session, work)
        session.info[PENDING] = True


def _drain_after_commit(session: Session) -> None:
    # Releasing a savepoint fires after_commit too; only the real commit counts.
    if session.in_nested_transaction() or not session.info.pop(PENDING, False):
        return
    drain(get_index())


def _forget_flag(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def drain(search_index: IndexFolder) -> bool:
    """Write the index work this index has not written; return False if it failed and
    still waits."""
    if not search_index.exists():
        return False  # the rebuild that makes the index will hold the work
    try:
        with search_index.draining(), Session(db.engine) as session:
            written_up_to, behind = outbox.position(session, search_index.name)
            if behind:
                rebuild_soon(search_index)
                return False
            up_to, work = outbox.waiting(session, written_up_to)
            if work:
                apply_changes(search_index, work, session)
                outbox.written(session, search_index.name, up_to)
    except Exception:
        # The rows are saved whatever happens here: the work waits for the next drain.
        log.exception("search index update failed; it is retried at the next drain")
        return False
    return True


def drain_if_due(search_index: IndexFolder) -> None:
    """Now and then, write work another process or another machine committed."""
    now = time.monotonic()
    if now < search_index.next_outbox_check:
        return
    search_index.next_outbox_check = now + OUTBOX_CHECK_SECONDS
    with Session(db.engine) as session:
        written_up_to, behind = outbox.position(session, search_index.name)
        waiting = outbox.count_waiting(session, written_up_to)
    if behind:
        rebuild_soon(search_index)
    elif waiting > BULK_CHANGES:
        _repair_in_background(current_app._get_current_object(), search_index)
    elif waiting:
        drain(search_index)


def apply_changes(search_index: IndexFolder, work: set[tuple[str, int]], session: Session) -> None:
    """Write the committed state of the touched rows into the index, in one commit."""
    paper_ids = {ident for kind, ident in work if kind == "paper"}
    person_ids = {ident for kind, ident in work if kind == "person"}
    venue_ids = {ident for kind, ident in work if kind == "venue"}
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
        # End this read: the rebuild must read the database as it is when it starts.
        session.commit()
        rebuild(search_index, session, procs=2)
        return
    documents = [*paper_documents(session, paper_ids), *person_documents(session, person_ids)]
    touched = {document_id("paper", i) for i in paper_ids} | {
        document_id("person", i) for i in person_ids
    }
    search_index.replace(documents, touched)


def repair(app: Flask, search_index: IndexFolder) -> None:
    """Rebuild the index if it needs it, else drain waiting work; one repair at a time."""
    if not search_index.repairing.acquire(blocking=False):
        return
    try:
        with app.app_context():
            if needs_repair(search_index):
                count = rebuild(search_index)
                log.info("search index rebuilt: %d documents", count)
            else:
                drain(search_index)
    except index.LockError:
        log.info("search index repair skipped: another writer is at work")
    except Exception:
        log.exception("search index repair failed")
    finally:
        search_index.repairing.release()


def repair_on_start(app: Flask) -> None:
    """Repair the index as the site starts: at once on small sites, else in the background."""
    search_index = get_index(app)
    with Session(db.engine) as session:
        written_up_to, behind = outbox.position(session, search_index.name)
        waiting = outbox.count_waiting(session, written_up_to)
    if behind:
        search_index.mark_stale()
    if not needs_repair(search_index) and not waiting:
        return
    if not search_index.exists():
        search_index.reset()
        search_index.mark_stale()
    if db.session.scalar(select(func.count(Publication.id))) <= SMALL_SITE and (
        waiting <= BULK_CHANGES
    ):
        repair(app, search_index)
    else:
        _repair_in_background(app, search_index)


def rebuild_soon(search_index: IndexFolder) -> None:
    """Have a missing or damaged index rebuilt in the background; searches say so meanwhile."""
    search_index.mark_stale()
    _repair_in_background(current_app._get_current_object(), search_index)


def _repair_in_background(app: Flask, search_index: IndexFolder) -> None:
    if not search_index.repairing.locked():  # one is at work already
        threading.Thread(target=repair, args=(app, search_index), daemon=True).start()
