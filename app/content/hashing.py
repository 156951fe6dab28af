"""The source hash that ties a translation to the English text it was made from.

Only the words a reader sees count: the title, the summary and the body. Front-matter edits (owner, review
dates, sources) do not outdate translations; whitespace at line ends, line-ending style and Unicode
composition do not either.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def source_hash(title: str, summary: str, body: str) -> str:
    joined = "\x1f".join(normalise(part) for part in (title, summary, body))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
