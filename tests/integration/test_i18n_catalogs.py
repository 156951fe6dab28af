"""The translation catalogs (translations/): the .pot is current, every .po compiles and is really translated.

These run against whatever catalogs exist. A missing translations/messages.pot, or a missing catalog for a site
language, FAILS (never skips): the site would show English menus to every reader of that language.
"""

from __future__ import annotations

import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.support.catalogs import ROOT, STATUS_HEADER, TRANSLATIONS, po_header, po_path

POT = TRANSLATIONS / "messages.pot"
LANGUAGES = [e["code"] for e in yaml.safe_load((ROOT / "content" / "languages.yaml").read_text())["languages"]]
TRANSLATED = [code for code in LANGUAGES if code != "en"]
DECLARED_STATUSES = ("machine-draft", "human-draft", "reviewed")
IDENTICAL_ALLOWLIST = Path(__file__).resolve().parents[1] / "support" / "identical_msgids.txt"

# The script each language is written in, where it is not the Latin alphabet (Somali is written in Latin).
SCRIPTS = {
    "bn": ("Bengali", re.compile("[\u0980-\u09ff]")),
    "ar": ("Arabic", re.compile("[\u0600-\u06ff]")),
}


def _ids(catalog: Catalog) -> set[tuple]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def _show(msgid, context: str | None = None) -> str:
    """A message as a translator knows it: the msgid (and its plural), with any msgctxt."""
    text = " / ".join(msgid) if isinstance(msgid, (tuple, list)) else msgid
    return f"[{context}] {text!r}" if context else repr(text)


def _fail_listing(heading: str, items: list[str], limit: int = 30) -> None:
    if items:
        shown = "\n    ".join(items[:limit])
        more = f"\n    ...and {len(items) - limit} more" if len(items) > limit else ""
        pytest.fail(f"{heading} ({len(items)}):\n    {shown}{more}", pytrace=False)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _pot() -> Catalog:
    if not POT.exists():
        pytest.fail(
            f"{POT.relative_to(ROOT)} is missing: run `make extract` and commit translations/messages.pot",
            pytrace=False,
        )
    return _read(POT)


def _po(code: str) -> Catalog:
    path = po_path(code)
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: every site language in content/languages.yaml needs a UI "
            "catalog (pybabel init -i translations/messages.pot -d translations -l " + code + ")",
            pytrace=False,
        )
    return _read(path, locale=code)


def _allowlist() -> dict[str, str]:
    entries = {}
    for line in IDENTICAL_ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        msgid, _, reason = line.partition("  #")
        entries[msgid.strip()] = reason.strip()
    return entries


def _strings(message) -> list[str]:
    return [s for s in (message.string if isinstance(message.string, (list, tuple)) else [message.string])]


def test_pot_matches_the_source(tmp_path):
    committed = _pot()
    fresh_path = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    result = subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "--no-location", "--sort-output", "--omit-header",
         "-o", str(fresh_path), "."],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stderr}"
    fresh = _read(fresh_path)
    added = sorted(_show(msgid, ctx) for ctx, msgid in _ids(fresh) - _ids(committed))
    removed = sorted(_show(msgid, ctx) for ctx, msgid in _ids(committed) - _ids(fresh))
    _fail_listing(
        "translations/messages.pot is out of date (run `make extract`): in the source, not in the .pot", added
    )
    _fail_listing(
        "translations/messages.pot is out of date (run `make extract`): in the .pot, not in the source", removed
    )


def test_identical_msgid_allowlist_gives_reasons():
    missing_reason = [msgid for msgid, reason in _allowlist().items() if not reason]
    assert not missing_reason, f"tests/support/identical_msgids.txt entries without a reason: {missing_reason}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_exists_and_covers_the_pot(code):
    catalog = _po(code)
    missing = sorted(_show(msgid, ctx) for ctx, msgid in _ids(_pot()) - _ids(catalog))
    _fail_listing(f"{code}: messages in the .pot but not in the catalog (run `make extract`)", missing)
    untranslated = [_show(m.id, m.context) for m in catalog if m.id and (not all(_strings(m)) or m.fuzzy)]
    _fail_listing(f"{code}: untranslated or fuzzy messages, shown in English", untranslated)


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_compiles(code):
    catalog = _po(code)
    write_mo(BytesIO(), catalog)
    problems = [f"{_show(m.id, m.context)}: {'; '.join(map(str, errors))}" for m, errors in catalog.check()]
    _fail_listing(f"{code}: placeholders or plural forms do not match the English", problems)


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_declares_its_translation_status(code):
    _po(code)  # fails clearly when the catalog is missing
    declared = po_header(po_path(code)).get(STATUS_HEADER)
    assert declared in DECLARED_STATUSES, (
        f"{code}: the PO header must declare {STATUS_HEADER}: one of {', '.join(DECLARED_STATUSES)} "
        f"(found {declared!r})"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_message_is_left_in_english(code):
    allowed = _allowlist()
    same = []
    for message in _po(code):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for msgid, msgstr in zip(ids, _strings(message), strict=False):
            if msgstr and msgstr.strip() == msgid.strip() and msgid not in allowed:
                same.append(_show(msgid, message.context))
    _fail_listing(
        f"{code}: msgstr equal to its msgid (translate it, or list it in tests/support/identical_msgids.txt "
        "with a reason)",
        same,
    )


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_messages_are_in_the_languages_script(code):
    script, pattern = SCRIPTS[code]
    allowed = _allowlist()
    wrong = []
    for message in _po(code):
        if not message.id or (isinstance(message.id, str) and message.id in allowed):
            continue
        for msgstr in _strings(message):
            if msgstr and not pattern.search(msgstr):
                wrong.append(f"{_show(message.id, message.context)} -> {msgstr!r}")
    _fail_listing(f"{code}: messages with no {script} letters", wrong)
