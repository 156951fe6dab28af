"""Places: where a postcode is, how far apart two places are, and Camden's neighbourhoods.

`lookup("NW5 1TL")` gives a Place (lat, lon, outcode, in_camden, source) or None; `distance_m(a, b)` is in
metres; `validate_postcode(text)` gives "NW5 1TL" (or "NW5") or None. Data sources: app/places/gazetteer.py.
"""

from app.places.distance import distance_m
from app.places.gazetteer import CAMDEN_GSS, Place, PlacesDataError, lookup
from app.places.postcodes import validate_postcode

__all__ = ["CAMDEN_GSS", "Place", "PlacesDataError", "distance_m", "lookup", "validate_postcode"]
