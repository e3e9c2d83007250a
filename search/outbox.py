"""Index work kept in the database, committed in the same transaction as the change.

Each search index (one folder on one machine, shared by that machine's workers) keeps
its own place in the work: how far it has written it (`IndexPosition`). So several
servers on one database each keep their own index in step, and none misses an edit:
a process killed between its commit and its index write leaves its work here, and so
does an index write that failed; the next commit, start or periodic check writes it.

Work is forgotten once every index has written it. An index that has not caught up
with work older than FORGET_AFTER (its server was down, or has had no visitor) is
marked behind and stops holding the work back; it is rebuilt when it is next used.

A reader that has passed an id must never see a smaller one commit later, so ids grow
in commit order: SQLite commits one writer at a time and, with AUTOINCREMENT, never
reuses an id; on PostgreSQL a writer holds the table's EXCLUSIVE lock from its first
work row to its commit (readers go on).
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import String, case, delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog.models import db

FORGET_AFTER = timedelta(days=7)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class IndexWork(db.Model):
    """One row whose index document must be written again: a paper, a person or a venue."""

    __tablename__ = "search_outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    row_id: Mapped[int]
    recorded_at: Mapped[datetime] = mapped_column(default=_now)


class IndexPosition(db.Model):
    """How far one search index has written the work (`IndexFolder.name` names it)."""

    __tablename__ = "search_index_position"

    index_name: Mapped[str] = mapped_column(String(500), primary_key=True)
    written_up_to: Mapped[int] = mapped_column(default=0)
    written_at: Mapped[datetime] = mapped_column(default=_now)
    # Work it never wrote was forgotten: only a rebuild brings it back in step.
    behind: Mapped[bool] = mapped_column(default=False)


def record(session: Session, work: set[tuple[str, int]]) -> None:
    """Add index work inside the session's transaction (called while it flushes)."""
    if not work:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("LOCK TABLE search_outbox IN EXCLUSIVE MODE"))
    rows = [{"kind": kind, "row_id": row, "recorded_at": _now()} for kind, row in sorted(work)]
    connection.execute(insert(IndexWork), rows)


def newest(session: Session) -> int:
    """Return the id of the newest work recorded (0 if none waits)."""
    return session.scalar(select(func.max(IndexWork.id))) or 0


def position(session: Session, index_name: str) -> tuple[int, bool]:
    """Return how far the index has written the work, and whether it fell behind.

    An index never seen (new, or made before indexes kept a position) starts at 0:
    no work has been forgotten since, as an index without a position holds none back.
    """
    row = session.get(IndexPosition, index_name)
    return (0, False) if row is None else (row.written_up_to, row.behind)


def waiting(session: Session, after: int) -> tuple[int, set[tuple[str, int]]]:
    """Return the newest work id and every (kind, row id) past `after`, or (after, set())."""
    rows = session.execute(
        select(IndexWork.id, IndexWork.kind, IndexWork.row_id).where(IndexWork.id > after)
    ).all()
    return max((row.id for row in rows), default=after), {(row.kind, row.row_id) for row in rows}


def count_waiting(session: Session, after: int) -> int:
    return session.scalar(select(func.count(IndexWork.id)).where(IndexWork.id > after)) or 0


def written(session: Session, index_name: str, up_to: int, rebuilt: bool = False) -> None:
    """Move the index's position to `up_to` once the index holds that work, and commit;
    then forget the work every index has written.

    :param rebuilt: the index was made anew from the database as it was at `up_to`, so
        its position is exactly that, and it is no longer behind. Otherwise a position
        only moves forward (two workers of one machine may write the same work).

    The write starts a transaction of its own: in WAL mode SQLite refuses a write from a
    read transaction that began before another connection's commit (a rebuild's, say).
    """
    session.commit()
    now = _now()
    upsert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[
        session.get_bind().dialect.name
    ]
    new = upsert(IndexPosition).values(
        index_name=index_name, written_up_to=up_to, written_at=now, behind=False
    )
    if rebuilt:
        moved = {"written_up_to": up_to, "written_at": now, "behind": False}
    else:
        further = IndexPosition.written_up_to < up_to
        moved = {
            "written_up_to": case((further, up_to), else_=IndexPosition.written_up_to),
            "written_at": now,
        }
    session.execute(new.on_conflict_do_update(index_elements=["index_name"], set_=moved))
    _forget_written_work(session, now)
    session.commit()


def _forget_written_work(session: Session, now: datetime) -> None:
    too_old = session.scalar(
        select(func.max(IndexWork.id)).where(IndexWork.recorded_at < now - FORGET_AFTER)
    )
    if too_old:
        session.execute(
            update(IndexPosition)
            .where(IndexPosition.written_up_to < too_old, IndexPosition.behind.is_(False))
            .values(behind=True)
        )
    needed_from = session.scalar(
        select(func.min(IndexPosition.written_up_to)).where(IndexPosition.behind.is_(False))
    )
    if needed_from:
        session.execute(delete(IndexWork).where(IndexWork.id <= needed_from))
