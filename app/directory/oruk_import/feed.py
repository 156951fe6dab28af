"""Reading an ORUK feed file and checking it against the ORUK service schema (formats included)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "api" / "schemas" / "service.json"
MAX_REPORTED = 200


class OrukImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_REPORTED] + (
            [f"... and {len(problems) - MAX_REPORTED} more"] if len(problems) > MAX_REPORTED else []
        )
        super().__init__("\n".join(shown))
        self.problems = problems


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_verified: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_feed(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise OrukImportError([f"{path.name}: cannot read it ({exc})"]) from None
    except json.JSONDecodeError as exc:
        raise OrukImportError([f"{path.name}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]) from None
    if not isinstance(data, list):
        raise OrukImportError([f"{path.name}: expected a JSON list of services, found a {type(data).__name__}"])
    return data


def schema_errors(items: list[Any]) -> list[str]:
    try:
        from jsonschema import Draft202012Validator
    except ImportError:  # pragma: no cover - the import needs the `jsonschema[format]` package
        raise OrukImportError(["the jsonschema[format] package is needed to check ORUK files"]) from None
    validator = Draft202012Validator(
        json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    found = []
    for index, item in enumerate(items):
        for error in sorted(validator.iter_errors(item), key=lambda e: list(map(str, e.absolute_path))):
            message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
            found.append(f"row {index + 1} ($[{index}]{error.json_path.removeprefix('$')}): {message}")
    return found
