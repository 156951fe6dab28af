"""'You said, we did': what carers said (content/carers-action-plan/you-said-we-did.yaml) beside the tracker
actions that answer it. What was done comes from the actions' current statuses, never from the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.plan.areas import PlanAreas, PlanDataError
from app.plan.translation import DECLARED, Shown, choose


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SaidEntry(_Strict):
    text: str = Field(min_length=5, max_length=400)
    status: str | None = None
    source_hash: str | None = None


class AskEntry(_Strict):
    key: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    area: str | None = None
    source: str = Field(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")  # a seed file: asks come from the seeds only
    actions: list[int] = Field(default_factory=list)
    said: dict[str, SaidEntry]


class AsksFile(_Strict):
    asks: list[AskEntry]


@dataclass(frozen=True)
class Ask:
    key: str
    area: str | None
    source: str
    actions: tuple[int, ...]
    said: dict[str, SaidEntry]

    def text(self, lang: str) -> Shown:
        own = self.said.get(lang)
        english = self.said["en"].text
        return choose(
            english, lang, own.text if own else None, own.status if own else None, own.source_hash if own else None
        )


def asks_path(content_dir: Path) -> Path:
    return content_dir / "carers-action-plan" / "you-said-we-did.yaml"


def load_asks(path: Path, *, areas: PlanAreas, languages: list[str], seeds: set[str]) -> tuple[Ask, ...]:
    try:
        data = AsksFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PlanDataError(f"{path}: {problems}") from None
    errors = []
    keys = [ask.key for ask in data.asks]
    if len(set(keys)) != len(keys):
        errors.append("a key is used twice")
    for ask in data.asks:
        if ask.area is not None and areas.get(ask.area) is None:
            errors.append(f"{ask.key}: {ask.area!r} is not an area in areas.yaml")
        if ask.source not in seeds:
            errors.append(f"{ask.key}: {ask.source} is not in content/seeds.yaml")
        if "en" not in ask.said:
            errors.append(f"{ask.key}: no English text")
        for lang, said in ask.said.items():
            if lang not in languages:
                errors.append(f"{ask.key}: {lang} is not a site language")
            elif lang != "en" and (said.status not in DECLARED or not said.source_hash):
                errors.append(f"{ask.key}: the {lang} text needs a status and a source_hash")
    if errors:
        raise PlanDataError(f"{path}:\n" + "\n".join(errors))
    return tuple(Ask(a.key, a.area, a.source, tuple(a.actions), dict(a.said)) for a in data.asks)
