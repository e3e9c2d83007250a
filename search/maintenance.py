"""Rebuilding the index from the database, and checking it against the database."""

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import writing

from catalog.models import Publication, db
from catalog.progress import meter
from search import outbox
from search.codec import LengthsInMemoryCodec
from search.documents import all_documents, document_count, whoosh_document
from search.pool import ChunkedMpWriter, use_chunked_pool
from search.schema import WRITER_TIMEOUT
from search.store import IndexFolder, SearchIndex

log = logging.getLogger(__name__)
# Documents indexed between two updates of the progress shown.
PROGRESS_STEP = 500
# Postings each indexing process of a rebuild holds in memory before it sorts them to disk.
POOL_MB = 384


def rebuild(search_index: IndexFolder, session: Session | None = None, procs: int = 1) -> int:
    """Re-index everything in one commit; readers see the old index until it commits.

    :param procs: more than one indexes in several processes (for big Whoosh sites;
        tantivy indexes in threads of its own).
    """
    started = time.time()
    with Session(db.engine) as outbox_session:
        # Read first: work committed from here on is written after the rebuild, again.
        # The position is taken now, so no work past it is forgotten while this reads.
        work_done = outbox.newest(outbox_session)
        outbox.written(outbox_session, search_index.name, work_done, rebuilt=True)
    with Session(db.engine) if session is None else _borrowed(session) as reader:
        documents = _metered(all_documents(reader), document_count(reader))
        if search_index.backend == "tantivy":
            count = search_index.rebuild_from(documents)
        else:
            count = _rebuild_whoosh(search_index, documents, procs)
    _clear_stale_marker(search_index, started)
    # Work recorded before the rebuild read the database is in it now.
    with Session(db.engine) as outbox_session:
        outbox.written(outbox_session, search_index.name, work_done, rebuilt=True)
    return count


def _metered(documents: Iterator[dict], total: int) -> Iterator[dict]:
    """Pass the documents on, showing how many have been read for indexing."""
    indexing = meter("reading documents to index", total)
    count = 0
    for document in documents:
        yield document
        count += 1
        if count % PROGRESS_STEP == 0:
            indexing.advance(PROGRESS_STEP)
    indexing.advance(count % PROGRESS_STEP)
    indexing.finish(then="writing the search index…")


def _rebuild_whoosh(search_index: SearchIndex, documents: Iterator[dict], procs: int) -> int:
    try:
        ix = search_index.open()
    except Exception:
        log.warning("search index unreadable; starting a new one", exc_info=True)
        ix = search_index.reset()
    options = {"codec": LengthsInMemoryCodec(), "timeout": WRITER_TIMEOUT}
    _forking_indexers.set()
    try:
        if procs > 1:
            writer = ChunkedMpWriter(ix, procs=procs, limitmb=POOL_MB, multisegment=True, **options)
        else:
            writer = writing.SegmentWriter(ix, **options)
            use_chunked_pool(writer)
        count = 0
        try:
            for document in documents:
                writer.add_document(**whoosh_document(document))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)
    finally:
        _forking_indexers.clear()
    return count


# Linux's prctl(PR_SET_PDEATHSIG): a signal the kernel sends a process when its parent ends.
_PR_SET_PDEATHSIG = 1
_forking_indexers = threading.Event()


_forking_pid = 0


def _note_forking_process() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _end_with_parent() -> None:
    """In an indexing process a rebuild forks: end when the rebuild's process ends.

    Without this, a rebuild killed with SIGKILL leaves its indexing processes running,
    and they keep the index's write lock that they inherited. A parent that died
    before the signal was asked for is noticed by the parent id changing.
    """
    if _forking_indexers.is_set() and sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _forking_pid:
            os._exit(1)


os.register_at_fork(before=_note_forking_process, after_in_child=_end_with_parent)


class _borrowed:
    """Use a caller's session in a `with` without closing it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *_exc) -> None:
        return None


def _clear_stale_marker(search_index: IndexFolder, started: float) -> None:
    # A change that failed while the rebuild ran may be missing from it: stay stale.
    try:
        if search_index.stale_marker.stat().st_mtime < started:
            search_index.stale_marker.unlink()
    except FileNotFoundError:
        pass


def needs_repair(search_index: IndexFolder) -> bool:
    """Tell whether the index is missing, stale, unreadable or of an older version."""
    if not search_index.exists() or search_index.is_stale():
        return True
    try:
        documents = search_index.doc_count()
    except Exception as error:
        log.warning("the search index cannot be read (%s); it is rebuilt", error)
        return True
    # An empty index for a database with papers was made by mistake: never serve it.
    with Session(db.engine) as session:
        return documents == 0 and session.scalar(select(Publication.id).limit(1)) is not None


# ------------------------------------------------------------------- check


@dataclass
class CheckReport:
    """The differences between the database and the index."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.outdated)


def check(search_index: IndexFolder) -> CheckReport:
    """Compare every document the database implies with what the index holds."""
    indexed = search_index.digests()
    report = CheckReport()
    with Session(db.engine) as session:
        for document in all_documents(session):
            digest = indexed.pop(document["id"], None)
            if digest is None:
                report.missing.append(document["id"])
            elif digest != document["digest"]:
                report.outdated.append(document["id"])
    report.extra = sorted(indexed)
    return report
