"""The schema as it was before the site had migrations.

An instance made then is stamped with this revision on its first start with migrations,
then upgraded; a new instance is made from the models and stamped with the newest.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
