"""Editing in the browser: sections that expire, papers' files, lists, the audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("profile_section", sa.Column("expires", sa.Date(), nullable=True))
    op.add_column(
        "publication",
        sa.Column("source_file", sa.String(1000), nullable=False, server_default=""),
    )
    op.create_index("ix_publication_source_file", "publication", ["source_file"])
    op.create_table(
        "unlinked",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("person.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "publication_id",
            sa.Integer(),
            sa.ForeignKey("publication.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.UniqueConstraint("person_id", "publication_id"),
    )
    op.create_index("ix_unlinked_publication_id", "unlinked", ["publication_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id", ondelete="SET NULL")),
        sa.Column("account_email", sa.String(300), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_subject", "audit_entry", ["subject"])


def downgrade():
    op.drop_table("audit_entry")
    op.drop_table("unlinked")
    with op.batch_alter_table("publication") as table:
        table.drop_index("ix_publication_source_file")
        table.drop_column("source_file")
    with op.batch_alter_table("profile_section") as table:
        table.drop_column("expires")
