"""UK postcodes as people type them: "nw51tl", "NW5 1TL", " nw5 ", and what part of one they gave.

A full postcode is an outward code (the district, e.g. NW5 or WC1H) and an inward code (e.g. 1TL). We accept
a full postcode or an outward code alone, in any case and spacing, and normalise to upper case with one space
before the inward code. The pattern is the shape of a postcode, not a list of real ones: whether it exists is
for the lookup data to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD = r"[0-9][A-Z]{2}"
_FULL = re.compile(rf"^({OUTWARD})({INWARD})$")
_OUTWARD_ONLY = re.compile(rf"^({OUTWARD})$")
_SPACES = re.compile(r"\s+")
MAX_INPUT = 16  # longer text is not a postcode, whatever it contains


@dataclass(frozen=True)
class Postcode:
    outward: str
    inward: str | None  # None when only the outward code was given

    @property
    def is_full(self) -> bool:
        return self.inward is not None

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward

    @property
    def compact(self) -> str:
        return str(self).replace(" ", "")


def parse_postcode(text: str | None) -> Postcode | None:
    if not text or len(text) > MAX_INPUT:
        return None
    compact = _SPACES.sub("", text).upper()
    if full := _FULL.match(compact):
        return Postcode(full[1], full[2])
    if outward := _OUTWARD_ONLY.match(compact):
        return Postcode(outward[1], None)
    return None


def validate_postcode(text: str | None) -> str | None:
    """The normalised postcode ("NW5 1TL", or "NW5" for an outward code), or None if it is not one."""
    parsed = parse_postcode(text)
    return str(parsed) if parsed else None
