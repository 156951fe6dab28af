"""search: the change log that carries directory edits to every index, and searches that found nothing

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("search_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_changes_at"), ["at"], unique=False)

    op.create_table(
        "zero_result_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("words", sa.String(length=200), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("zero_result_searches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zero_result_searches_at"), ["at"], unique=False)


def downgrade():
    with op.batch_alter_table("zero_result_searches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zero_result_searches_at"))
    op.drop_table("zero_result_searches")
    with op.batch_alter_table("search_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_changes_at"))
    op.drop_table("search_changes")
