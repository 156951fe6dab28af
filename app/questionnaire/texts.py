"""A questionnaire's words in each site language: the translation files, and texts as a page shows them.

English is the definition itself. A translation is content/questionnaires/<id>.<lang>.yaml, keyed by the same
text keys (`Definition.english_texts()`), each entry with its text, the hash of the English it was made from and
(optionally) its own status; the file gives the default status. A file may be partial: a text with no
translation, or whose translation no longer fits its English, is shown in English, marked `lang="en"`, and the
page says so. The statuses are the site's (app/translation_status.py); "outdated" is worked out from the hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from app.content.hashing import normalise
from app.questionnaire.definition import PLACEHOLDER, Definition, DefinitionError, placeholders

DECLARED = ("machine-draft", "human-draft", "reviewed")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Entry(_Strict):
    text: str
    source_hash: str  # text_hash() of the English it was translated from
    status: Literal["machine-draft", "human-draft", "reviewed"] | None = None  # else the file's


class TranslationFile(_Strict):
    lang: str
    status: Literal["machine-draft", "human-draft", "reviewed", "missing"]
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    texts: dict[str, Entry] = {}

    @model_validator(mode="after")
    def consistent(self) -> TranslationFile:
        if self.status == "missing" and self.texts:
            raise ValueError("a file whose status is `missing` has no texts yet: give the status of the texts")
        reviewed = self.status == "reviewed" or any(e.status == "reviewed" for e in self.texts.values())
        if reviewed and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("reviewed texts need reviewed_by and reviewed_on")
        return self


def text_hash(english: str) -> str:
    return hashlib.sha256(normalise(english).encode("utf-8")).hexdigest()


def translation_path(directory: Path, questionnaire: str, lang: str) -> Path:
    return directory / f"{questionnaire}.{lang}.yaml"


@dataclass(frozen=True)
class Looked:
    text: str
    lang: str  # the language `text` is in
    status: str  # "original", "missing", "outdated" or a declared status


@dataclass
class Catalog:
    """Every text of one questionnaire in every language."""

    default_lang: str
    english: dict[str, str]
    translations: dict[str, TranslationFile] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.hashes = {key: text_hash(text) for key, text in self.english.items()}

    def look_up(self, key: str, lang: str) -> Looked:
        english = self.english[key]  # a KeyError here is a template asking for a text that does not exist
        if lang == self.default_lang:
            return Looked(english, lang, "original")
        file = self.translations.get(lang)
        entry = file.texts.get(key) if file else None
        if file is None or entry is None:
            return Looked(english, self.default_lang, "missing")
        if entry.source_hash != self.hashes[key]:
            if placeholders(entry.text) != placeholders(english):
                return Looked(english, self.default_lang, "missing")  # it no longer fits: English is safer
            return Looked(entry.text, lang, "outdated")
        return Looked(entry.text, lang, entry.status or file.status)

    def missing(self, lang: str) -> list[str]:
        return [key for key in self.english if self.look_up(key, lang).status == "missing"]

    def problems(self) -> list[str]:
        """Translation entries that cannot be used: keys with no English, or placeholders that differ."""
        found = []
        for lang, file in sorted(self.translations.items()):
            for key, entry in file.texts.items():
                if key not in self.english:
                    found.append(f"{lang}: {key!r} is not a text of the English file (renamed or removed?)")
                elif entry.source_hash == self.hashes[key] and placeholders(entry.text) != placeholders(
                    self.english[key]
                ):
                    found.append(
                        f"{lang}: {key!r} must keep the placeholders {sorted(placeholders(self.english[key]))}"
                    )
        return found


def load_catalog(definition: Definition, directory: Path, languages: list[str], default_lang: str) -> Catalog:
    catalog = Catalog(default_lang, definition.english_texts())
    for lang in languages:
        if lang == default_lang:
            continue
        path = translation_path(directory, definition.id, lang)
        if not path.exists():
            continue  # no file: every text is missing
        try:
            data = TranslationFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except ValidationError as exc:
            problems = "\n".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise DefinitionError(f"{path}:\n{problems}") from None
        if data.lang != lang:
            raise DefinitionError(f"{path}: lang is {data.lang!r}, but the file name says {lang!r}")
        catalog.translations[lang] = data
    return catalog


# A value for a placeholder: given the locale of the text it goes into, its plain text and its HTML.
Value = Callable[[str], tuple[str, Markup]]


@dataclass(frozen=True)
class Shown:
    """A text as a page shows it: placeholders filled in, and marked with its language if not the page's."""

    text: str  # plain (for <title> and attributes)
    inner: Markup  # the HTML, without a language mark
    lang: str
    status: str
    page_lang: str
    page_dir_of: Callable[[str], str]

    @property
    def html(self) -> Markup:
        if self.lang == self.page_lang:
            return self.inner
        return Markup('<span lang="{}" dir="{}">{}</span>').format(self.lang, self.page_dir_of(self.lang), self.inner)

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return self.text


@dataclass
class Texts:
    """The texts of one page in the reader's language; remembers what it showed, for the page's notice."""

    catalog: Catalog
    lang: str
    values: Mapping[str, Value]
    locale_of: Callable[[str], str]
    dir_of: Callable[[str], str]
    statuses: list[str] = field(default_factory=list)

    def __call__(self, key: str) -> Shown:
        looked = self.catalog.look_up(key, self.lang)
        self.statuses.append(looked.status)
        plain, html = fill(looked.text, self.values, self.locale_of(looked.lang))
        return Shown(plain, html, looked.lang, looked.status, self.lang, self.dir_of)

    def page_status(self) -> str | None:
        """What the page's translation notice says: None (nothing to say), "missing" (all in English),
        "partial" (some in English), or the least finished status of the translated texts."""
        shown = set(self.statuses) - {"original"}
        if not shown or shown == {"reviewed"}:
            return None
        if shown == {"missing"}:
            return "missing"
        if "missing" in shown:
            return "partial"
        return next(s for s in ("outdated", "machine-draft", "human-draft") if s in shown)


def fill(text: str, values: Mapping[str, Value], locale: str) -> tuple[str, Markup]:
    """The text with its {placeholders} replaced, as plain text and as HTML (the text itself escaped)."""
    plain: list[str] = []
    html: list[Markup] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        before = text[position : match.start()]
        value_plain, value_html = values[match.group(1)](locale)
        plain += [before, value_plain]
        html += [escape(before), value_html]
        position = match.end()
    plain.append(text[position:])
    html.append(escape(text[position:]))
    return "".join(plain), Markup("").join(html)
