"""How many text messages (SMS) a text takes, and in which encoding.

An SMS carries 140 bytes. Text written only in the GSM 03.38 alphabet (3GPP TS 23.038) is sent as 7-bit
septets: 160 in one message, or 153 per part when the text is split (each part gives 7 septets to the header
that puts the parts back together). The alphabet's extension table (€ [ ] { } ^ ~ | \\ and form feed) takes
two septets per character (an escape, then the character). One character outside the alphabet (a curly
quote, an en dash, any Bengali or Arabic letter, an emoji) sends the whole text as UCS-2: 70 UTF-16 code units
in one message, or 67 per part; a character outside the Basic Multilingual Plane (most emoji) is two code
units. A part never ends between the two septets of an extension character or the two halves of a surrogate
pair, so the count below packs characters into parts one at a time rather than dividing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}

Encoding = Literal["GSM-7", "UCS-2"]


@dataclass(frozen=True)
class SmsCount:
    encoding: Encoding
    characters: int  # Unicode code points, as a person would count them (near enough)
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2): what the limits count
    segments: int  # text messages; 0 for an empty text
    per_segment: int  # the limit that applied: 160 or 153, 70 or 67
    outside_gsm: tuple[str, ...]  # the characters that made it UCS-2, each once, in order of appearance


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def _size(ch: str, encoding: Encoding) -> int:
    if encoding == "GSM-7":
        return 2 if ch in GSM7_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def _parts(text: str, encoding: Encoding, limit: int) -> int:
    parts, used = 1, 0
    for ch in text:
        size = _size(ch, encoding)
        if used + size > limit:
            parts, used = parts + 1, 0
        used += size
    return parts


def count(text: str) -> SmsCount:
    encoding: Encoding = "GSM-7" if is_gsm7(text) else "UCS-2"
    units = sum(_size(ch, encoding) for ch in text)
    outside = tuple(dict.fromkeys(ch for ch in text if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION))
    if not text:
        return SmsCount(encoding, 0, 0, 0, SINGLE[encoding], ())
    if units <= SINGLE[encoding]:
        return SmsCount(encoding, len(text), units, 1, SINGLE[encoding], outside)
    segments = _parts(text, encoding, PART[encoding])
    return SmsCount(encoding, len(text), units, segments, PART[encoding], outside)
