"""A profile keeps a role in its lab and its lists besides papers: news, openings, talks,
teaching, awards, service, students and alumni.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person") as person:
        person.add_column(sa.Column("role", sa.String(50), nullable=False, server_default=""))
        person.add_column(sa.Column("activities", sa.JSON(), nullable=False, server_default="{}"))


def downgrade():
    with op.batch_alter_table("person") as person:
        person.drop_column("activities")
        person.drop_column("role")
