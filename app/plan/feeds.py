"""Atom 1.0 feeds (RFC 4287) of the tracker's news: new actions, edits and progress updates, for the whole plan or
one priority area, in the reader's language. Built with xml.etree, so every text is escaped by the serialiser.

Ids are `urn:uuid:` values that never change: a feed's is derived from its language and area, an entry's from
the version it reports and the feed's language (the same change in two languages is two entries).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML here, never parse it
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_NAMESPACE = uuid.UUID("0b6f8a47-1c1d-4c59-9a0e-3d2b9b0c7e55")
# A feed with no entries yet is as new as the plan: launched on 22 July 2024 (facts pack, section 1).
PLAN_LAUNCHED = dt.datetime(2024, 7, 22)

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    key: str  # a version's uuid
    title: str
    updated: dt.datetime  # naive UTC
    link: str
    content: str
    content_lang: str


def feed_id(lang: str, area: str | None) -> str:
    name = f"carers-action-plan/{lang}/{area or 'all'}"
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, name)}"


def entry_id(key: str, lang: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(key), lang)}"


def timestamp(moment: dt.datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def build_feed(
    *,
    lang: str,
    area: str | None,
    title: str,
    subtitle: str,
    author: str,
    self_url: str,
    page_url: str,
    entries: list[Entry],
    fallback_updated: dt.datetime | None = None,
) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _text(feed, "id", feed_id(lang, area))
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    newest = max((e.updated for e in entries), default=fallback_updated or PLAN_LAUNCHED)
    _text(feed, "updated", timestamp(newest))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": page_url})
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", entry_id(item.key, lang))
        _text(entry, "title", item.title)
        _text(entry, "updated", timestamp(item.updated))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": item.link})
        content = _text(entry, "content", item.content)
        content.set("type", "text")
        if item.content_lang != lang:
            content.set(XML_LANG, item.content_lang)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element
