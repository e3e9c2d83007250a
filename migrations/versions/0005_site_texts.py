"""The site keeps texts of its own (its introduction), loaded from the content folder.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "site_text",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table("site_text")
