"""Where a postcode is: `lookup("NW5 1TL")` gives a Place (a point, its outward code, and whether it is in
Camden when that is known).

Two sources, loaded lazily, once per process:

- **Outward-code centroids** (default, always loaded): `data/uk-outcodes.csv`, about 2,800 UK postcode
  districts. Coarse (a district spans a kilometre or more) and it cannot say which borough a point is in, since
  a district can straddle boroughs: `in_camden` is None. See data/README.md for where it came from.
- **ONS Postcode Directory** (optional, `PLACES_ONSPD_PATH`): an ONSPD extract CSV with at least the columns
  `pcds`, `lat`, `long` and `oslaua` (the local authority's GSS code). Full postcodes in it resolve exactly,
  with `in_camden` from `oslaua`. An extract (say, Camden and its neighbours) is enough: any postcode not in it
  falls back to its outward code's centroid.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_app_context

from app.places.postcodes import parse_postcode

CAMDEN_GSS = "E09000007"  # London Borough of Camden's ONS (GSS) code
DEFAULT_OUTCODES_PATH = Path(__file__).parent / "data" / "uk-outcodes.csv"
SOURCE_OUTCODES = "outcodes"
SOURCE_ONSPD = "onspd"
ONSPD_COLUMNS = ("pcds", "lat", "long", "oslaua")
# ONSPD gives postcodes without a grid reference this latitude (and longitude 0.000000).
ONSPD_NO_LOCATION_LAT = 99.999999


class PlacesDataError(Exception):
    """A postcode data file could not be read (missing columns, unreadable): a configuration mistake."""


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    outcode: str  # the outward code, e.g. "NW5"
    in_camden: bool | None  # None: not known (outward-code data cannot say)
    source: str  # SOURCE_OUTCODES or SOURCE_ONSPD


@dataclass(frozen=True)
class Gazetteer:
    outcodes: dict[str, tuple[float, float]]  # outward code -> (lat, lon)
    exact: dict[str, tuple[float, float, bool]]  # compact full postcode -> (lat, lon, in Camden)
    skipped_rows: int = 0  # ONSPD rows with no usable postcode or location

    def lookup(self, text: str | None) -> Place | None:
        postcode = parse_postcode(text)
        if postcode is None:
            return None
        if postcode.is_full and (hit := self.exact.get(postcode.compact)):
            lat, lon, in_camden = hit
            return Place(lat, lon, postcode.outward, in_camden, SOURCE_ONSPD)
        centroid = self.outcodes.get(postcode.outward)
        if centroid is None and postcode.outward[-1].isalpha():
            # A sub-district (EC1A) the data lacks: its district (EC1) is the nearest thing it has.
            centroid = self.outcodes.get(postcode.outward[:-1])
        if centroid is None:
            return None
        return Place(centroid[0], centroid[1], postcode.outward, None, SOURCE_OUTCODES)


@contextmanager
def _csv_rows(path: Path, required: Iterable[str]) -> Iterator[csv.DictReader]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise PlacesDataError(f"{path}: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or ())]
        if missing:
            raise PlacesDataError(f"{path}: no column {', '.join(missing)}")
        yield reader


def load_outcodes(path: Path = DEFAULT_OUTCODES_PATH) -> dict[str, tuple[float, float]]:
    """Outward code -> centroid, from a CSV with `postcode`, `latitude` and `longitude` columns."""
    found = {}
    with _csv_rows(path, ("postcode", "latitude", "longitude")) as rows:
        for row in rows:
            postcode = parse_postcode(row["postcode"])
            try:
                centroid = (float(row["latitude"]), float(row["longitude"]))
            except (TypeError, ValueError):
                continue
            if postcode is not None and not postcode.is_full:
                found[postcode.outward] = centroid
    return found


def load_onspd(path: Path, local_authority: str = CAMDEN_GSS) -> tuple[dict[str, tuple[float, float, bool]], int]:
    """Compact postcode -> (lat, lon, in the local authority), and how many rows were skipped."""
    found: dict[str, tuple[float, float, bool]] = {}
    skipped = 0
    with _csv_rows(path, ONSPD_COLUMNS) as rows:
        for row in rows:
            postcode = parse_postcode(row["pcds"])
            try:
                lat, lon = float(row["lat"]), float(row["long"])
            except (TypeError, ValueError):
                lat = lon = ONSPD_NO_LOCATION_LAT
            if postcode is None or not postcode.is_full or lat >= ONSPD_NO_LOCATION_LAT:
                skipped += 1
                continue
            found[postcode.compact] = (lat, lon, (row["oslaua"] or "").strip() == local_authority)
    return found, skipped


def load_gazetteer(outcodes_path: Path = DEFAULT_OUTCODES_PATH, onspd_path: Path | None = None) -> Gazetteer:
    outcodes = load_outcodes(outcodes_path)
    if onspd_path is None:
        return Gazetteer(outcodes, {})
    exact, skipped = load_onspd(onspd_path)
    return Gazetteer(outcodes, exact, skipped)


_lock = threading.Lock()
_loaded: dict[tuple[str, str | None], Gazetteer] = {}


def gazetteer_for(outcodes_path: Path, onspd_path: Path | None) -> Gazetteer:
    """The gazetteer for these files, loaded on first use and kept for the life of the process."""
    key = (str(outcodes_path), str(onspd_path) if onspd_path else None)
    with _lock:  # one load per key, even when several requests ask at once
        found = _loaded.get(key)
        if found is None:
            found = _loaded[key] = load_gazetteer(outcodes_path, onspd_path)
            if has_app_context() and found.skipped_rows:
                current_app.logger.info("ONSPD %s: %d rows without a location skipped", onspd_path, found.skipped_rows)
    return found


def current_gazetteer() -> Gazetteer:
    """The running app's gazetteer (PLACES_OUTCODES_PATH, PLACES_ONSPD_PATH); the default data outside an app."""
    outcodes, onspd = DEFAULT_OUTCODES_PATH, None
    if has_app_context():
        outcodes = Path(current_app.config.get("PLACES_OUTCODES_PATH") or DEFAULT_OUTCODES_PATH)
        configured = current_app.config.get("PLACES_ONSPD_PATH")
        onspd = Path(configured) if configured else None
    return gazetteer_for(outcodes, onspd)


def lookup(postcode: str | None) -> Place | None:
    """Where a full postcode ("NW5 1TL", "nw51tl") or an outward code ("NW5") is; None if unknown or not one."""
    return current_gazetteer().lookup(postcode)
