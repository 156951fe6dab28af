# mypy: disable-error-code="override"
"""The Jinja environment: autoescaped, and loud about undefined values in our own templates.

GOV.UK Frontend's macros (govuk-frontend-jinja) read optional parameters that callers leave out
(`params.classes`), so an undefined value is tolerated only when the code asking for it is one of those
macros. Anywhere else, an undefined variable or attribute raises, so a typo fails a test instead of
rendering a blank.
"""

from __future__ import annotations

import sys
from types import FrameType

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader, StrictUndefined

GOVUK_PACKAGE = "govuk_frontend_jinja"


def _from_govuk_macro() -> bool:
    """True when the undefined value is used by a GOV.UK macro (directly, or through markupsafe's escape)."""
    frame: FrameType | None = sys._getframe(2)
    for _ in range(3):
        if frame is None:
            return False
        if GOVUK_PACKAGE in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


class StrictUndefinedOutsideGovuk(StrictUndefined):
    __slots__ = ()

    def __bool__(self) -> bool:
        if _from_govuk_macro():
            return False
        return super().__bool__()  # raises

    def __str__(self) -> str:
        if _from_govuk_macro():
            return ""
        return super().__str__()

    def __iter__(self):
        if _from_govuk_macro():
            return iter(())
        return super().__iter__()

    def __len__(self) -> int:
        if _from_govuk_macro():
            return 0
        return super().__len__()

    def __eq__(self, other: object) -> bool:
        if _from_govuk_macro():
            return type(self) is type(other)
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        if _from_govuk_macro():
            return type(self) is not type(other)
        return super().__ne__(other)

    def __getattr__(self, name: str):
        if name[:2] != "__" and _from_govuk_macro():
            return self
        return super().__getattr__(name)

    __hash__ = StrictUndefined.__hash__  # type: ignore[assignment]


def init_app(app: Flask) -> None:
    app.jinja_env.undefined = StrictUndefinedOutsideGovuk
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_loader = ChoiceLoader(
        [
            PrefixLoader({GOVUK_PACKAGE: PackageLoader(GOVUK_PACKAGE)}),
            app.jinja_loader,  # type: ignore[list-item]
        ]
    )
