"""Idempotent writes: set a record's fields and say whether anything really changed (so `last_modified` and the
seed's report only move when the data did)."""

from __future__ import annotations

from typing import Any


def assign(record: Any, **values: Any) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed
