"""What only a site on PostgreSQL does: its own backup tools, writers of several machines.

The rest of the suite runs on PostgreSQL as well (see tests/databases.py).
"""

import threading

import databases
from builders import make_person
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from catalog.models import db
from search import outbox
from webapp.write_turns import WRITERS_LOCK, write_turn

DATABASES = ("postgresql",) if databases.POSTGRESQL_ADDRESS else ()


def test_backup_and_restore_point_to_postgresqls_own_tools(app, tmp_path):
    make_person("ada-doe", "Ada Doe")
    for args in (["backup", str(tmp_path / "site.tar.gz")], ["restore", __file__, "--yes"]):
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 1
        assert "on PostgreSQL use pg_dump and pg_restore" in result.output
    assert not (tmp_path / "site.tar.gz").exists()


def test_the_doctor_checks_a_postgresql_site(app):
    make_person("ada-doe", "Ada Doe")
    result = app.test_cli_runner().invoke(args=["doctor"])
    assert "ok       database: sound, 0 papers and 1 people" in result.output


def test_index_work_ids_grow_in_the_order_of_commits(app):
    """A writer that records work later commits later: no reader passes work unseen."""
    first, second = Session(db.engine), Session(db.engine)
    outbox.record(first, {("paper", 1)})  # holds the table until it commits
    recorded = threading.Event()

    def record_second() -> None:
        outbox.record(second, {("paper", 2)})
        recorded.set()
        second.commit()

    writer = threading.Thread(target=record_second)
    writer.start()
    assert not recorded.wait(0.5), "a second writer must wait for the first's commit"
    with Session(db.engine) as reader:
        assert reader.scalars(select(outbox.IndexWork.row_id)).all() == []
    first.commit()
    writer.join(timeout=10)
    with Session(db.engine) as reader:
        rows = reader.execute(
            select(outbox.IndexWork.id, outbox.IndexWork.row_id).order_by(outbox.IndexWork.id)
        ).all()
    assert [row.row_id for row in rows] == [1, 2]
    first.close()
    second.close()


def test_a_write_turn_holds_the_lock_every_machines_writers_wait_for(app):
    """Another machine's writer (another connection, past this machine's file lock) waits."""

    def another_machine_may_write() -> bool:
        with Session(db.engine) as other:
            return other.scalar(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK}
            )

    with write_turn():
        make_person("ada-doe", "Ada Doe")  # commits: the turn ends with the transaction
        assert another_machine_may_write()
    with write_turn():
        db.session.execute(select(1))
        assert not another_machine_may_write()
        db.session.rollback()
    assert another_machine_may_write()
