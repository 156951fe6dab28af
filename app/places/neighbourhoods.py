"""Camden's neighbourhoods, as data: content/places/neighbourhoods.yaml (schema below).

The file is empty until Camden supplies the list: we do not guess neighbourhood names or boundaries. When it is
filled, each neighbourhood names the outward codes (postcode districts) and, optionally, the ONS ward codes it
covers, with the sources of that fact. Loaded lazily, once per process.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import current_app
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.places.gazetteer import Place
from app.places.postcodes import parse_postcode

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GSS_CODE = re.compile(r"^[EWSN][0-9]{8}$")


class NeighbourhoodsError(Exception):
    pass


class Neighbourhood(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    name: str = Field(min_length=1)
    outcodes: tuple[str, ...] = ()  # outward codes, e.g. ("NW5",); normalised to upper case
    ward_codes: tuple[str, ...] = ()  # ONS (GSS) ward codes, e.g. E05013652
    sources: tuple[str, ...] = Field(min_length=1)  # where the boundary came from (a URL or a seed file)

    @field_validator("slug")
    @classmethod
    def kebab(cls, value: str) -> str:
        if not KEBAB.match(value):
            raise ValueError("slug must be lower-case ASCII words joined by hyphens")
        return value

    @field_validator("outcodes")
    @classmethod
    def outward_codes(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        normalised = []
        for value in values:
            parsed = parse_postcode(value)
            if parsed is None or parsed.is_full:
                raise ValueError(f"{value!r} is not an outward code (such as NW5)")
            normalised.append(parsed.outward)
        return tuple(normalised)

    @field_validator("ward_codes")
    @classmethod
    def gss_codes(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        bad = [value for value in values if not GSS_CODE.match(value)]
        if bad:
            raise ValueError(f"not ONS GSS codes: {bad}")
        return values


class NeighbourhoodsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    neighbourhoods: tuple[Neighbourhood, ...] = ()


@dataclass(frozen=True)
class Neighbourhoods:
    items: tuple[Neighbourhood, ...]

    def containing(self, place: Place) -> list[Neighbourhood]:
        """Neighbourhoods whose outward codes include the place's (a district may lie in several)."""
        return [n for n in self.items if place.outcode in n.outcodes]


def neighbourhoods_path(content_dir: Path) -> Path:
    return content_dir / "places" / "neighbourhoods.yaml"


def load_neighbourhoods(path: Path) -> Neighbourhoods:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        data = NeighbourhoodsFile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise NeighbourhoodsError(f"{path}: {problems}") from None
    except (OSError, yaml.YAMLError) as exc:
        raise NeighbourhoodsError(f"{path}: {exc}") from None
    slugs = [n.slug for n in data.neighbourhoods]
    twice = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if twice:
        raise NeighbourhoodsError(f"{path}: slugs used twice: {', '.join(twice)}")
    return Neighbourhoods(data.neighbourhoods)


_lock = threading.Lock()
_loaded: dict[str, Neighbourhoods] = {}


def neighbourhoods() -> Neighbourhoods:
    """The running app's neighbourhoods (CONTENT_DIR/places/neighbourhoods.yaml), loaded once per process."""
    path = neighbourhoods_path(Path(current_app.config["CONTENT_DIR"]))
    with _lock:
        found = _loaded.get(str(path))
        if found is None:
            found = _loaded[str(path)] = load_neighbourhoods(path)
    return found
