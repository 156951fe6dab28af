"""plan: the Carers Action Plan's tracker (actions, their versions, progress updates, step translations)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Written for SQLite and PostgreSQL alike. plan_actions and plan_action_versions point at each other (an action's
current version; a version's action), so plan_actions is created first without its current-version key, and
the key is added once both tables exist (batch mode, which SQLite needs to add a constraint).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATUSES = "status IN ('not-yet-reported', 'not-started', 'in-progress', 'done', 'paused')"
KINDS = "kind IN ('seeded', 'created', 'edited', 'progress-update')"
TRANSLATION_STATUSES = "status IN ('machine-draft', 'human-draft', 'reviewed')"


def upgrade():
    op.create_table(
        "plan_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_table(
        "plan_action_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("area", sa.String(length=64), nullable=False),
        sa.Column("step", sa.Text(), nullable=True),
        sa.Column("outcome_measure", sa.Text(), nullable=True),
        sa.Column("success", sa.Text(), nullable=True),
        sa.Column("lead", sa.String(length=200), nullable=True),
        sa.Column("timescale", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_fields", sa.JSON(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.CheckConstraint(STATUSES, name="ck_plan_action_versions_status"),
        sa.CheckConstraint(KINDS, name="ck_plan_action_versions_kind"),
        sa.ForeignKeyConstraint(["action_id"], ["plan_actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["changed_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("action_id", "version", name="uq_plan_action_versions_action_version"),
    )
    with op.batch_alter_table("plan_action_versions") as batch_op:
        batch_op.create_index("ix_plan_action_versions_action_id", ["action_id"])
        batch_op.create_index("ix_plan_action_versions_area", ["area"])
        batch_op.create_index("ix_plan_action_versions_changed_by_id", ["changed_by_id"])
        batch_op.create_index("ix_plan_action_versions_changed_at", ["changed_at"])
    with op.batch_alter_table("plan_actions") as batch_op:
        batch_op.create_foreign_key(
            "fk_plan_actions_current_version",
            "plan_action_versions",
            ["current_version_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "plan_progress_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("posted_by_id", sa.Integer(), nullable=True),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["plan_actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["plan_action_versions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["posted_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("version_id"),
    )
    with op.batch_alter_table("plan_progress_updates") as batch_op:
        batch_op.create_index("ix_plan_progress_updates_action_id", ["action_id"])
        batch_op.create_index("ix_plan_progress_updates_on_date", ["on_date"])
        batch_op.create_index("ix_plan_progress_updates_posted_by_id", ["posted_by_id"])
        batch_op.create_index("ix_plan_progress_updates_posted_at", ["posted_at"])
    op.create_table(
        "plan_step_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("step", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("reviewed_by", sa.String(length=120), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(TRANSLATION_STATUSES, name="ck_plan_step_translations_status"),
        sa.ForeignKeyConstraint(["action_id"], ["plan_actions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "lang", name="uq_plan_step_translations_action_lang"),
    )
    with op.batch_alter_table("plan_step_translations") as batch_op:
        batch_op.create_index("ix_plan_step_translations_action_id", ["action_id"])


def downgrade():
    op.drop_table("plan_step_translations")
    op.drop_table("plan_progress_updates")
    with op.batch_alter_table("plan_actions") as batch_op:
        batch_op.drop_constraint("fk_plan_actions_current_version", type_="foreignkey")
    op.drop_table("plan_action_versions")
    op.drop_table("plan_actions")
