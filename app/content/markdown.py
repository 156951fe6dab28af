"""Markdown to safe HTML: CommonMark with tables, then sanitised. The one place content becomes markup."""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "img", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "lang", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope"},
    "td": set(),
}
CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
    "blockquote": "govuk-inset-text",
}
# UK phone numbers as the content writes them ("020 7974 4444", "0808 808 7777", "116 123", "999").
# Each is isolated left-to-right, so that in Arabic text it still reads in dialling order.
_PHONE = re.compile(
    r"(?<![\d\w])(?:0\d{2,4}[ \u00a0]\d{3,4}(?:[ \u00a0]\d{3,4})?|116[ \u00a0]123|999|111|101)(?![\d\w])"
)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_OPEN_TAG = re.compile(r"<(h2|h3|h4|p|ul|ol|a|table|thead|tbody|tr|th|td|hr|blockquote)(?=[\s>/])")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _isolate_phone_numbers(html: str) -> str:
    """Phone numbers become tappable links (people on phones call from the page), isolated left-to-right.
    A number already inside a link is only isolated."""
    parts = _TAG_OR_TEXT.split(html)
    inside_link = False
    for i, part in enumerate(parts):
        if i % 2:  # odd indexes are tags
            if part.startswith("<a ") or part == "<a>":
                inside_link = True
            elif part == "</a>":
                inside_link = False
            continue
        parts[i] = _PHONE.sub(_span if inside_link else _tel_link, part)
    return "".join(parts)


def _span(match: re.Match) -> str:
    return f'<span class="app-phone" dir="ltr">{match.group(0)}</span>'


def _tel_link(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return f'<a class="govuk-link app-phone" href="tel:{digits}" dir="ltr">{match.group(0)}</a>'


def _add_class(match: re.Match) -> str:
    tag = match.group(1)
    scope = ' scope="col"' if tag == "th" else ""  # Markdown tables have header cells only in thead
    return f'<{tag}{scope} class="{CLASSES[tag]}"'


def _local_href(lang: str):
    def rewrite(tag: str, attr: str, value: str) -> str | None:
        local = value.startswith("/") and not value.startswith(("//", "/static/"))
        if tag == "a" and attr == "href" and local:
            return f"/{lang}{value}"
        if attr == "href" and value.lower().startswith(("javascript:", "data:", "vbscript:")):
            return None
        return value

    return rewrite


def render(markdown_text: str, lang: str) -> Markup:
    """Render Markdown for a reader of `lang`: site links get the language prefix; GOV.UK classes added."""
    raw = _parser().render(markdown_text)
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_local_href(lang),
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    classed = _OPEN_TAG.sub(_add_class, clean)
    classed = _isolate_phone_numbers(classed)
    return Markup(classed)  # noqa: S704 - sanitised by nh3 just above; the only place HTML is trusted
