"""Rebuilding, repairing and checking the index against the database."""

import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from whoosh import index, writing

from catalog.models import (
    Publication,
    db,
)
from search.documents import all_documents
from search.schema import SMALL_SITE, WRITER_TIMEOUT
from search.store import SearchIndex, get_index

log = logging.getLogger(__name__)


def rebuild(search_index: SearchIndex, session: Session | None = None, procs: int = 1) -> int:
    """Re-index everything in one writer; readers see the old index until it commits.

    :param procs: more than one indexes in several processes (for big sites).
    """
    started = time.time()
    try:
        ix = search_index.open()
    except Exception:
        log.warning("search index unreadable; starting a new one", exc_info=True)
        ix = search_index.reset()
    options = {"procs": procs, "limitmb": 256, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(timeout=WRITER_TIMEOUT, **options)
    count = 0
    try:
        with Session(db.engine) if session is None else _borrowed(session) as reader:
            for document in all_documents(reader):
                writer.add_document(**document)
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR)
    _clear_stale_marker(search_index, started)
    return count


class _borrowed:
    """Use a caller's session in a `with` without closing it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *_exc) -> None:
        return None


def _clear_stale_marker(search_index: SearchIndex, started: float) -> None:
    # A change that failed while the rebuild ran may be missing from it: stay stale.
    try:
        if search_index.stale_marker.stat().st_mtime < started:
            search_index.stale_marker.unlink()
    except FileNotFoundError:
        pass


def needs_repair(search_index: SearchIndex) -> bool:
    """Tell whether the index is missing, stale, unreadable or of an older version."""
    if not search_index.exists() or search_index.is_stale():
        return True
    try:
        search_index.open().doc_count()
    except Exception:
        return True
    return False


def repair(app: Flask, search_index: SearchIndex) -> None:
    """Rebuild the index if it needs it; one repair at a time per process."""
    if not search_index._repairing.acquire(blocking=False):
        return
    try:
        with app.app_context():
            if needs_repair(search_index):
                count = rebuild(search_index)
                log.info("search index rebuilt: %d documents", count)
    except index.LockError:
        log.info("search index repair skipped: another writer is at work")
    except Exception:
        log.exception("search index repair failed")
    finally:
        search_index._repairing.release()


def repair_on_start(app: Flask) -> None:
    """Repair the index as the site starts: at once on small sites, else in the background."""
    search_index = get_index(app)
    if not needs_repair(search_index):
        return
    if not search_index.exists():
        search_index.reset()
        search_index.mark_stale()
    if db.session.scalar(select(func.count(Publication.id))) <= SMALL_SITE:
        repair(app, search_index)
    else:
        _repair_in_background(app, search_index)


def _repair_in_background(app: Flask, search_index: SearchIndex) -> None:
    threading.Thread(target=repair, args=(app, search_index), daemon=True).start()


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


def check(search_index: SearchIndex) -> CheckReport:
    """Compare every document the database implies with what the index holds."""
    with search_index.open().searcher() as searcher:
        indexed = {fields["id"]: fields["digest"] for fields in searcher.all_stored_fields()}
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
