"""Distance between two places on the Earth's surface (haversine, on a sphere of the mean Earth radius).

Good to a fraction of a percent over the distances a directory cares about; the error of an outward-code
centroid (a kilometre or more) is far larger.
"""

from __future__ import annotations

import math
from typing import Protocol

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


class HasLatLon(Protocol):
    @property
    def lat(self) -> float: ...

    @property
    def lon(self) -> float: ...


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def distance_m(a: HasLatLon, b: HasLatLon) -> float:
    """Metres between two places (anything with `lat` and `lon`, such as a Place)."""
    return haversine_m(a.lat, a.lon, b.lat, b.lon)
