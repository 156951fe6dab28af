"""Query parameters of the ORUK API, parsed and checked: a bad value is a 400 that names the parameter, never a
500 and never a silently ignored filter. Names and meanings follow the shipped open_api.json."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from app.api.errors import BadParameter
from app.places import Place, lookup, validate_postcode

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
MAX_SEARCH = 200
MAX_PROXIMITY_M = 1_000_000  # 1,000 km: anything larger is every place we list
EXTENSIONS = ("camden",)
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DIGITS = re.compile(r"^[0-9]{1,9}$")
NUMBER = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,3})?$")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Near:
    postcode: str  # normalised
    place: Place
    proximity_m: float | None  # None: order by distance, do not filter


@dataclass(frozen=True)
class Filters:
    """What a list of services (or of services at locations) is narrowed to."""

    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: dt.datetime | None = None  # naive UTC
    near: Near | None = None


def _one(args: MultiDict, name: str) -> str | None:
    values = args.getlist(name)
    if len(values) > 1:
        raise BadParameter(name, f"{name} is given more than once")
    return values[0] if values else None


def _integer(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    raw = _one(args, name)
    if raw is None or raw == "":
        return default
    if not DIGITS.match(raw.strip()) or not low <= int(raw) <= high:
        raise BadParameter(name, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def paging(args: MultiDict) -> Paging:
    return Paging(
        page=_integer(args, "page", 1, 1, MAX_PAGE),
        per_page=_integer(args, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def boolean(args: MultiDict, name: str, default: bool = False) -> bool:
    raw = _one(args, name)
    if raw is None or raw == "":
        return default
    if raw.lower() in TRUE:
        return True
    if raw.lower() in FALSE:
        return False
    raise BadParameter(name, f"{name} must be true or false")


def record_id(args: MultiDict, name: str) -> str | None:
    raw = _one(args, name)
    if raw is None or raw == "":
        return None
    if not UUID_RE.match(raw):
        raise BadParameter(name, f"{name} must be a UUID")
    return raw.lower()


def search(args: MultiDict) -> str | None:
    raw = _one(args, "search")
    text = " ".join((raw or "").split())
    if len(text) > MAX_SEARCH:
        raise BadParameter("search", f"search must be at most {MAX_SEARCH} characters")
    return text or None


def modified_after(args: MultiDict) -> dt.datetime | None:
    """An ISO 8601 date-time (2025-01-31T09:00:00Z, with any offset) or date; naive times are UTC."""
    raw = _one(args, "modified_after")
    if raw is None or raw == "":
        return None
    try:
        # A "+" in a query string arrives as a space when the client did not encode it.
        when = dt.datetime.fromisoformat(raw.strip().replace(" ", "+") if "T" in raw else raw.strip())
    except ValueError:
        raise BadParameter("modified_after", "modified_after must be an ISO 8601 date-time") from None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


def near(args: MultiDict) -> Near | None:
    """`postcode` (full or outward code) orders by distance from its centroid; `proximity` (metres) also limits."""
    postcode_raw, proximity_raw = _one(args, "postcode"), _one(args, "proximity")
    if not postcode_raw:
        if proximity_raw:
            raise BadParameter("proximity", "proximity needs a postcode to measure from")
        return None
    postcode = validate_postcode(postcode_raw)
    if postcode is None:
        raise BadParameter("postcode", "postcode is not a UK postcode or outward code (such as NW5 1TL or NW5)")
    place = lookup(postcode)
    if place is None:
        raise BadParameter("postcode", f"postcode {postcode} is not in our postcode data")
    proximity = None
    if proximity_raw:
        if not NUMBER.match(proximity_raw.strip()) or not 0 < float(proximity_raw) <= MAX_PROXIMITY_M:
            raise BadParameter("proximity", f"proximity must be a number of metres above 0 and up to {MAX_PROXIMITY_M}")
        proximity = float(proximity_raw)
    return Near(postcode, place, proximity)


def filters(args: MultiDict, *, with_near: bool) -> Filters:
    return Filters(
        search=search(args),
        taxonomy_term_id=record_id(args, "taxonomy_term_id"),
        taxonomy_id=record_id(args, "taxonomy_id"),
        organization_id=record_id(args, "organization_id"),
        modified_after=modified_after(args),
        near=near(args) if with_near else None,
    )


def extensions(args: MultiDict) -> frozenset[str]:
    """`extensions=camden` adds the local fields under `x_camden` (docs/api.md); none by default."""
    raw = _one(args, "extensions")
    names = frozenset(part.strip() for part in (raw or "").split(",") if part.strip())
    unknown = sorted(names - set(EXTENSIONS))
    if unknown:
        raise BadParameter("extensions", f"unknown extensions {', '.join(unknown)}; known: {', '.join(EXTENSIONS)}")
    return names


def response_format(args: MultiDict) -> None:
    raw = _one(args, "format")
    if raw not in (None, "", "json"):
        raise BadParameter("format", "only format=json is supported")


def unsupported_flag(args: MultiDict, name: str, advice: str) -> None:
    if boolean(args, name):
        raise BadParameter(name, f"{name}=true is not supported: {advice}")
