"""Update every UI catalog from translations/messages.pot, keeping each catalog's translation status.

`pybabel update` drops header fields Babel does not know, such as X-Translation-Status, so the Makefile's
`extract` target calls this instead. A new site language (in content/languages.yaml) gets a new catalog whose
status is human-draft: a person is expected to fill it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
KEPT_HEADERS = ("X-Translation-Status", "X-Reviewed-By", "X-Reviewed-On")


def own_headers(text: str) -> dict[str, str]:
    found = {}
    for name in KEPT_HEADERS:
        match = re.search(rf'^"{name}: ?(.*?)\\n"$', text, flags=re.MULTILINE)
        if match:
            found[name] = match.group(1)
    return found


def with_headers(text: str, headers: dict[str, str]) -> str:
    lines = "".join(f'"{name}: {value}\\n"\n' for name, value in headers.items())
    # Insert after the header entry's last line (the first blank line ends the header entry).
    head, sep, rest = text.partition("\n\n")
    return f"{head}\n{lines.rstrip()}{sep}{rest}" if lines else text


def main() -> int:
    languages = yaml.safe_load((ROOT / "content" / "languages.yaml").read_text(encoding="utf-8"))["languages"]
    with POT.open("rb") as handle:
        template = read_po(handle)
    for entry in languages:
        code = entry["code"]
        if code == "en":
            continue
        path = ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
        if path.exists():
            text = path.read_text(encoding="utf-8")
            headers = own_headers(text)
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=code)
        else:
            headers = {"X-Translation-Status": "human-draft"}
            path.parent.mkdir(parents=True, exist_ok=True)
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=code)
        catalog.project = "Care and Support in Camden"
        catalog.copyright_holder = "London Borough of Camden"
        catalog.header_comment = (
            f"# Care and Support in Camden: the site's own words in {entry['english_name']}.\n"
            "# X-Translation-Status says who wrote them (machine-draft, human-draft or reviewed)."
        )
        catalog.fuzzy = False  # status is tracked in X-Translation-Status, not by Babel's fuzzy flag
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, sort_output=True, ignore_obsolete=True)
        path.write_text(with_headers(path.read_text(encoding="utf-8"), headers), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {headers.get('X-Translation-Status')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
