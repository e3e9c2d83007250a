"""Index work kept in the database, committed in the same transaction as the change.

A process killed between its commit and its index write leaves its work here, and
so does an index write that failed (another writer held the lock, the disk was
full). The next commit, start or periodic check of any process drains it, so a
committed change always reaches the index.
"""

from sqlalchemy import String, delete, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog.models import db


class IndexWork(db.Model):
    """One row whose index document must be written again: a paper, a person or a venue."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    row_id: Mapped[int]


def record(session: Session, work: set[tuple[str, int]]) -> None:
    """Add index work inside the session's transaction (called while it flushes)."""
    if work:
        rows = [{"kind": kind, "row_id": row} for kind, row in sorted(work)]
        session.connection().execute(insert(IndexWork), rows)


def waiting(session: Session) -> tuple[int, set[tuple[str, int]]]:
    """Return the newest work id and every (kind, row id) waiting, or (0, set())."""
    rows = session.execute(select(IndexWork.id, IndexWork.kind, IndexWork.row_id)).all()
    return max((row.id for row in rows), default=0), {(row.kind, row.row_id) for row in rows}


def count_waiting(session: Session) -> int:
    return session.scalar(select(func.count(IndexWork.id))) or 0


def done(session: Session, up_to: int) -> None:
    """Forget the work up to an id, once the index holds it, and commit.

    The delete starts a transaction of its own: in WAL mode SQLite refuses a write from a
    read transaction that began before another connection's commit (a rebuild's, say).
    """
    session.commit()
    session.execute(delete(IndexWork).where(IndexWork.id <= up_to))
    session.commit()
