"""`flask plan seed`: load content/carers-action-plan/tracker-seed.yaml into the tracker.

Idempotent and never overwriting: an action whose number is already there is left alone (a plan editor may have
changed it since); a step translation is added only for a language that has none; a progress update is added
only once (its id is derived from the action number, date and text).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import select

from app.extensions import db
from app.plan.areas import PlanAreas, PlanDataError
from app.plan.models import (
    INITIAL_STATUS,
    LEAD_MAX,
    PROGRESS_MAX,
    STATUSES,
    STEP_MAX,
    TEXT_MAX,
    TIMESCALE_MAX,
    ProgressUpdate,
    StepTranslation,
)
from app.plan.tracker import Values, add_action, get_action, post_progress
from app.plan.translation import DECLARED

# Progress updates get stable ids from their content, so a second run recognises them.
PROGRESS_NAMESPACE = uuid.UUID("5d0f3f1e-3c55-4a53-9a43-6c7a5f2b8e11")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TranslationEntry(_Strict):
    step: str = Field(min_length=1, max_length=STEP_MAX)
    status: str
    source_hash: str = Field(pattern=r"^[0-9a-f]{64}$")

    @model_validator(mode="after")
    def declared(self) -> TranslationEntry:
        if self.status not in DECLARED:
            raise ValueError(f"status must be one of {DECLARED}")
        return self


class ProgressEntry(_Strict):
    date: dt.date
    text: str = Field(min_length=10, max_length=PROGRESS_MAX)
    sources: list[str] = Field(min_length=1)


class ActionEntry(_Strict):
    number: int = Field(ge=1)
    area: str
    step: str | None = Field(default=None, max_length=STEP_MAX)
    outcome_measure: str | None = Field(default=None, max_length=TEXT_MAX)
    success: str | None = Field(default=None, max_length=TEXT_MAX)
    lead: str | None = Field(default=None, max_length=LEAD_MAX)
    timescale: str | None = Field(default=None, max_length=TIMESCALE_MAX)
    status: str = INITIAL_STATUS
    translations: dict[str, TranslationEntry] = Field(default_factory=dict)
    progress: list[ProgressEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def known_status(self) -> ActionEntry:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        if self.step is None and self.translations:
            raise ValueError("an action with no step has nothing to translate")
        return self

    def values(self) -> Values:
        return Values(
            area=self.area,
            step=self.step,
            outcome_measure=self.outcome_measure,
            success=self.success,
            lead=self.lead,
            timescale=self.timescale,
            status=self.status,
        )


class SeedFile(_Strict):
    source: str
    published: dt.date
    actions: list[ActionEntry]


@dataclass
class SeedReport:
    created: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    translations: int = 0
    progress_updates: int = 0


def seed_path(content_dir: Path) -> Path:
    return content_dir / "carers-action-plan" / "tracker-seed.yaml"


def load_seed_file(path: Path, areas: PlanAreas, languages: list[str]) -> SeedFile:
    try:
        data = SeedFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PlanDataError(f"{path}: {problems}") from None
    errors = []
    numbers = [entry.number for entry in data.actions]
    if len(set(numbers)) != len(numbers):
        errors.append("an action number is used twice")
    for entry in data.actions:
        if areas.get(entry.area) is None:
            errors.append(f"action {entry.number}: {entry.area!r} is not an area in areas.yaml")
        for lang in entry.translations:
            if lang not in languages or lang == "en":
                errors.append(f"action {entry.number}: {lang!r} is not a site language to translate into")
    if errors:
        raise PlanDataError(f"{path}:\n" + "\n".join(errors))
    return data


def progress_uuid(number: int, entry: ProgressEntry) -> str:
    return str(uuid.uuid5(PROGRESS_NAMESPACE, f"{number}\x1f{entry.date.isoformat()}\x1f{entry.text}"))


def seed_tracker(data: SeedFile) -> SeedReport:
    """Load the seed into the current transaction; the caller commits."""
    report = SeedReport()
    for entry in data.actions:
        action = get_action(entry.number)
        if action is None:
            published = dt.datetime.combine(data.published, dt.time())
            add_action(entry.number, entry.values(), actor=None, kind="seeded", sources=[data.source], at=published)
            report.created.append(entry.number)
            action = get_action(entry.number)
            assert action is not None
        else:
            report.unchanged.append(entry.number)
        have = {t.lang for t in action.translations}
        for lang, translation in entry.translations.items():
            if lang not in have:
                db.session.add(
                    StepTranslation(
                        action_id=action.id,
                        lang=lang,
                        step=translation.step,
                        status=translation.status,
                        source_hash=translation.source_hash,
                    )
                )
                report.translations += 1
        for progress in entry.progress:
            wanted = progress_uuid(entry.number, progress)
            if db.session.scalar(select(ProgressUpdate.id).where(ProgressUpdate.uuid == wanted)) is not None:
                continue
            action = get_action(entry.number)
            assert action is not None
            # Dated as the source is: the day it reported the progress, not the day the seed was loaded.
            reported = dt.datetime.combine(progress.date, dt.time())
            row = post_progress(
                action,
                action.version,
                on_date=progress.date,
                text=progress.text,
                actor=None,
                sources=progress.sources,
                at=reported,
            )
            row.uuid = wanted
            report.progress_updates += 1
        db.session.flush()
    return report
