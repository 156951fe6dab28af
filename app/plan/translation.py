"""Text of the plan in the reader's language: area titles, action steps and "you said" items.

The vocabulary is the site's (app/translation_status.py). A translation records the hash of the English it was
made from; when the English changes, the hash no longer matches and the translation is shown as `outdated`.
With no translation the English is shown (`missing`), and the page marks it with lang="en".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.content.hashing import normalise

DECLARED = ("machine-draft", "human-draft", "reviewed")
# Which status a notice reports first, when a page shows texts in several states.
NOTICE_ORDER = ("missing", "outdated", "machine-draft", "human-draft")


def text_hash(text: str | None) -> str:
    """sha256 of the normalised English text (as content pages and directory labels hash theirs)."""
    return hashlib.sha256(normalise(text or "").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Shown:
    """A text as one reader sees it: the words, their language, and the translation's status."""

    text: str
    lang: str
    status: str  # "original" for English read in English, else one of app.translation_status.STATUSES


def choose(english: str, lang: str, translated: str | None, declared: str | None, stored_hash: str | None) -> Shown:
    if lang == "en":
        return Shown(english, "en", "original")
    if not translated or declared is None:
        return Shown(english, "en", "missing")
    status = "outdated" if stored_hash != text_hash(english) else declared
    return Shown(translated, lang, status)


def notice_status(shown: list[Shown]) -> str | None:
    """The status a page-level notice names for a group of texts (None when all are original or reviewed)."""
    statuses = {item.status for item in shown}
    return next((status for status in NOTICE_ORDER if status in statuses), None)
