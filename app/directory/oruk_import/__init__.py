"""`flask directory import FILE`: load an Open Referral UK feed file, a JSON list of services in the full ORUK
v3.0-UK service shape (what `flask directory export --format json` writes, or GET /api/v1/services/{id}).

All or nothing. Every service is checked against the ORUK schema (app/api/schemas/service.json, formats
included) and against what our tables need, and every problem is reported with its row (1 = the first service)
and JSON path, before anything is written; then everything is written in one transaction, which the caller
commits, and rolls back on any failure. Upsert by id, so running the same file twice changes nothing.

Imported records are unverified, with the file's name as their source. A service or organisation a person at
Camden has verified is not overwritten (reported as skipped), as with the seed. What ORUK cannot carry is left
as it was: places and phone numbers marked "check before use", holiday exceptions to opening times, and
languages (the UK profile has no language code; our own export's `x_camden.languages` is read when present).
What we have no table for (funding, organisation identifiers, attributes of places) and categories outside
the Camden taxonomy (content/taxonomy.yaml is the one list) are skipped with a warning.
"""

from __future__ import annotations

from pathlib import Path

from app.directory.oruk_import.feed import ImportReport, OrukImportError, read_feed, schema_errors
from app.directory.oruk_import.mapping import plan_feed
from app.directory.oruk_import.writing import write_plans
from app.directory.taxonomy import CamdenTaxonomy, sync_taxonomy

__all__ = ["ImportReport", "OrukImportError", "import_feed"]


def import_feed(path: Path, tax: CamdenTaxonomy) -> ImportReport:
    """Check the whole file, then write it; raises OrukImportError (nothing written) on any problem. The
    caller commits, or rolls back if this raises."""
    items = read_feed(path)
    errors = schema_errors(items)
    if errors:  # the mapping below relies on the shape the schema guarantees
        raise OrukImportError(errors)
    plans, errors, warnings = plan_feed(items, tax, path.name)
    if errors:
        raise OrukImportError(errors)
    report = ImportReport(warnings=warnings)
    sync_taxonomy(tax)  # categories are joined to the taxonomy's rows, which a fresh database may lack
    write_plans(plans, path.name, report)
    return report
