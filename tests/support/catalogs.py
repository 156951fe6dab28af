"""Reading the UI translation catalogs (translations/<lang>/LC_MESSAGES/messages.po) as the tests need them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
STATUS_HEADER = "X-Translation-Status"


def po_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


def po_header(path: Path) -> dict[str, str]:
    """The PO header's fields, read from the file itself.

    Babel's Catalog keeps only the headers it knows, so `catalog.mime_headers` never shows
    X-Translation-Status (and `pybabel update` drops it when it rewrites a .po file).
    """
    text = path.read_text(encoding="utf-8")
    match = re.search(r'^msgid ""\nmsgstr ""\n((?:".*"\n)+)', text, flags=re.MULTILINE)
    if not match:
        return {}
    joined = "".join(line[1:-1] for line in match.group(1).splitlines())
    joined = joined.replace("\\n", "\n").replace('\\"', '"')
    fields = {}
    for line in joined.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
