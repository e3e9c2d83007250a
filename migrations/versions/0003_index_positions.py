"""Each search index keeps its own place in the index work, so several servers can share
one database: work is kept until every index has written it, with the time it was recorded.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    # Work waiting now was never written (the old design deleted what it wrote), so an
    # index without a position, which starts at 0, writes all of it.
    if not sa.inspect(op.get_bind()).has_table("search_outbox"):
        pass  # made before the outbox: create_all() makes it as the models say
    elif op.get_bind().dialect.name == "sqlite":
        # AUTOINCREMENT: SQLite would give the id of a deleted newest row again.
        op.create_table(
            "search_outbox_new",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("kind", sa.String(10), nullable=False),
            sa.Column("row_id", sa.Integer(), nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
            sqlite_autoincrement=True,
        )
        op.execute(
            "INSERT INTO search_outbox_new (id, kind, row_id, recorded_at)"
            " SELECT id, kind, row_id, CURRENT_TIMESTAMP FROM search_outbox"
        )
        op.drop_table("search_outbox")
        op.rename_table("search_outbox_new", "search_outbox")
    else:
        op.add_column(
            "search_outbox",
            sa.Column("recorded_at", sa.DateTime(), nullable=False, server_default=sa.func.now()),
        )
        op.alter_column("search_outbox", "recorded_at", server_default=None)
    op.create_table(
        "search_index_position",
        sa.Column("index_name", sa.String(500), primary_key=True),
        sa.Column("written_up_to", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("behind", sa.Boolean(), nullable=False),
    )


def downgrade():
    op.drop_table("search_index_position")
    with op.batch_alter_table("search_outbox", recreate="always") as table:
        table.drop_column("recorded_at")
