"""Which paths feedback may be recorded against: pages of this site that a reader can open.

The hidden `path` field comes from the browser, so it is checked against the URL map and the content
repository rather than trusted; nothing else is ever stored in `Feedback.path`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException

from app.content.loader import EASY_READ_SUFFIX, INDEX_SLUG
from app.content.service import repository

PATH_MAX = 255  # Feedback.path


def _slug_shown(endpoint: str, args: Mapping[str, Any]) -> str | None:
    """The content slug a page endpoint renders (as app.pages.views does), or None if it is not a page."""
    if endpoint == "pages.section":
        return INDEX_SLUG
    if endpoint == "pages.easy_read":
        return args["slug"] + EASY_READ_SUFFIX
    if endpoint == "pages.page":
        slug = args["slug"]
        # /index redirects to the section; Easy Read has its own URL: neither is a canonical path.
        return None if slug == INDEX_SLUG or slug.endswith(EASY_READ_SUFFIX) else slug
    return None


def is_page_path(path: str, lang: str) -> bool:
    """True when `path` is the canonical URL path of a page of this site in `lang`."""
    if not path or len(path) > PATH_MAX or not path.startswith(f"/{lang}/"):
        return False
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or parts.query or parts.fragment or parts.path != path:
        return False
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, args = adapter.match(path, method="GET")
    except HTTPException:  # not found, or a redirect to the canonical form (RequestRedirect)
        return False
    if args.get("lang") != lang:
        return False
    if endpoint == "pages.home":
        return True
    slug = _slug_shown(str(endpoint), args)
    return slug is not None and repository().resolve(lang, args["section"], slug) is not None
