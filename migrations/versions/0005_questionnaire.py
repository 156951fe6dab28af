"""questionnaire: anonymous counts of "Am I a carer?" results by ISO week, language and outcome

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Counters only (app/questionnaire/models.py): no answers, no free text, no IP address, no session id.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "questionnaire_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire", sa.String(length=64), nullable=False),
        sa.Column("iso_week", sa.String(length=8), nullable=False),
        sa.Column("week_start", sa.DateTime(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name="ck_questionnaire_counts_count"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("questionnaire", "iso_week", "lang", "outcome", name="uq_questionnaire_counts_cell"),
    )
    with op.batch_alter_table("questionnaire_counts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questionnaire_counts_week_start"), ["week_start"], unique=False)


def downgrade():
    with op.batch_alter_table("questionnaire_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questionnaire_counts_week_start"))
    op.drop_table("questionnaire_counts")
