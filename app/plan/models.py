"""The Carers Action Plan's tracker (Part III) as data: actions, their versions, progress updates and the
translations of their steps.

Nothing is overwritten. An action's fields live in `ActionVersion` rows: every change (adding an action,
editing it, posting a progress update) adds a version, and `PlanAction.current_version_id` points at the
latest. `PlanAction.version` is the number of that latest version; an edit names the version it was based on
and is refused when another change has come in since (optimistic concurrency, see tracker.py).

Fields the published tracker leaves blank (outcome measure, what success looks like, lead, timescale) are
NULL until the Borough Partnership Carers Board sets them; pages show "To be set by the Board".
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import utcnow

# In the order a reader meets them; pages show each with a label from app/plan/display.py.
STATUSES = ("not-yet-reported", "not-started", "in-progress", "done", "paused")
INITIAL_STATUS = "not-yet-reported"
# What a version records: the seed file's first copy, a plan editor's new action or edit, a progress update.
CHANGE_KINDS = ("seeded", "created", "edited", "progress-update")
# The fields of a version a plan editor can change, in the order pages list them.
FIELDS = ("area", "step", "outcome_measure", "success", "lead", "timescale", "status")
TRANSLATION_STATUSES = ("machine-draft", "human-draft", "reviewed")

STEP_MAX = 1000
TEXT_MAX = 1000
LEAD_MAX = 200
TIMESCALE_MAX = 120
PROGRESS_MAX = 2000


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def new_uuid() -> str:
    return str(uuid.uuid4())


class PlanAction(db.Model):  # type: ignore[name-defined]
    __tablename__ = "plan_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)  # the tracker's "priority number" column
    version: Mapped[int] = mapped_column(Integer, default=0)  # the number of the current version
    # use_alter: the two tables point at each other; the migration adds this key after both exist.
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "plan_action_versions.id", use_alter=True, name="fk_plan_actions_current_version", ondelete="SET NULL"
        )
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    current: Mapped[ActionVersion | None] = relationship(foreign_keys=[current_version_id], post_update=True)
    versions: Mapped[list[ActionVersion]] = relationship(
        back_populates="action", foreign_keys="ActionVersion.action_id", order_by="ActionVersion.version"
    )
    progress_updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="action", order_by=lambda: (ProgressUpdate.on_date.desc(), ProgressUpdate.id.desc())
    )
    translations: Mapped[list[StepTranslation]] = relationship(back_populates="action")


class ActionVersion(db.Model):  # type: ignore[name-defined]
    """One state of an action: who made it, when, and what changed from the version before."""

    __tablename__ = "plan_action_versions"
    __table_args__ = (
        UniqueConstraint("action_id", "version", name="uq_plan_action_versions_action_version"),
        CheckConstraint(_in("status", STATUSES), name="ck_plan_action_versions_status"),
        CheckConstraint(_in("kind", CHANGE_KINDS), name="ck_plan_action_versions_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)  # for feed entry ids
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    area: Mapped[str] = mapped_column(String(64), index=True)  # a slug from content/carers-action-plan/areas.yaml
    step: Mapped[str | None] = mapped_column(Text)  # NULL only where the published text was not readable (row 9)
    outcome_measure: Mapped[str | None] = mapped_column(Text)
    success: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(String(LEAD_MAX))  # an organisation or role, never a named person
    timescale: Mapped[str | None] = mapped_column(String(TIMESCALE_MAX))
    status: Mapped[str] = mapped_column(String(20))
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)  # names from FIELDS
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)  # where a seeded version's facts come from

    action: Mapped[PlanAction] = relationship(back_populates="versions", foreign_keys=[action_id])
    progress_update: Mapped[ProgressUpdate | None] = relationship(back_populates="recorded_in")

    def values(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in FIELDS}


class ProgressUpdate(db.Model):  # type: ignore[name-defined]
    """A dated note of progress on an action (in English, as written), recorded with a version of its own."""

    __tablename__ = "plan_progress_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_action_versions.id", ondelete="CASCADE"), unique=True)
    on_date: Mapped[dt.date] = mapped_column(Date, index=True)  # the date the progress is about
    text: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    posted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    posted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)

    action: Mapped[PlanAction] = relationship(back_populates="progress_updates")
    recorded_in: Mapped[ActionVersion] = relationship(back_populates="progress_update")


class StepTranslation(db.Model):  # type: ignore[name-defined]
    """An action's step in another language. `source_hash` is the hash of the English step it was made from:
    when an edit changes the English, the translation is shown as outdated (app/plan/display.py)."""

    __tablename__ = "plan_step_translations"
    __table_args__ = (
        UniqueConstraint("action_id", "lang", name="uq_plan_step_translations_action_lang"),
        CheckConstraint(_in("status", TRANSLATION_STATUSES), name="ck_plan_step_translations_status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(16))
    step: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    source_hash: Mapped[str] = mapped_column(String(64))
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    action: Mapped[PlanAction] = relationship(back_populates="translations")
