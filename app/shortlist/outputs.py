"""The one renderer of a list, for the public shortlist and the adviser console alike.

    output = render_outputs(items, "bn", "print")   # items: ServiceItem and PageItem, in the order shown

`build_view` turns the items into a view model in the output language (which may differ from the page's: an
adviser working in English sends a caller their list in Bengali). Service and organisation names stay as the
organisation gives them, in English; descriptions are in the output language where a translation exists and
otherwise in English, marked "(in English)"; labels, days and times are in the output language. Each format
then lays the same view model out:

- "print" and "large-print": an HTML fragment for paper (large print sets the body at 18pt or more);
- "easy-read": short lines, one idea a line, each with a picture and its alt text, and the record's own Easy
  Read link where it has one;
- "text": plain text for an email or a text message (see app/shortlist/sms.py for its SMS count).

HTML fragments carry their own `lang` and `dir`, so they can sit on a page in another language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from babel.dates import format_date
from flask import current_app, render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.content.service import repository
from app.directory import display
from app.directory.models import Contact, Location, Service, ServiceAtLocation
from app.directory.translation import TranslatedField, translated_fields, translations_for
from app.extensions import db
from app.i18n import languages
from app.shortlist.list import ListItem, PageItem, ServiceItem
from app.translation_status import catalog_status

Format = Literal["print", "large-print", "easy-read", "text"]
FORMATS: tuple[Format, ...] = ("print", "large-print", "easy-read", "text")
TITLES = {
    "print": _l("Your list of services and information"),
    "large-print": _l("Your list of services and information"),
    "easy-read": _l("Your list in Easy Read"),
    "text": _l("Your list of services and information"),
}
TEMPLATES = {
    "print": "shortlist/_output_print.html",
    "large-print": "shortlist/_output_print.html",
    "easy-read": "shortlist/_output_easy_read.html",
}


# -- the view model --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PhoneLine:
    number: str
    description: str | None  # English, as entered
    check_before_use: bool
    source_date: str | None


@dataclass(frozen=True)
class PlaceLines:
    online: bool
    name: str | None
    address: list[str]  # English, as entered
    postcode: str | None


@dataclass(frozen=True)
class ServiceEntry:
    id: str
    name: str  # English, always
    organisation: str  # English, always
    status_label: str | None  # None while the service is open
    status_message: str | None
    description: TranslatedField
    paragraphs: list[str]
    phones: list[PhoneLine]
    emails: list[str]
    website: str | None
    places: list[PlaceLines]
    times: display.OpeningTimes
    easy_read_url: str | None
    url: str  # the service's page in the output language, absolute (it is printed and sent)
    kind: str = "service"


@dataclass(frozen=True)
class PageEntry:
    title: str
    title_lang: str  # the language the page is shown in: the output language, else English
    summary: str
    status: str  # the page's translation status: original, machine-draft, ..., missing
    url: str
    easy_read_url: str | None
    kind: str = "page"


Entry = ServiceEntry | PageEntry


@dataclass(frozen=True)
class ListView:
    lang: str
    dir: str
    entries: list[Entry]
    missing: int  # items that are no longer in the directory or the content
    dated: str  # today, in the output language
    ui_status: str  # the output language's UI catalog status (its labels may be machine-translated)


@dataclass(frozen=True)
class Output:
    fmt: Format
    lang: str
    dir: str
    title: str  # in the output language
    body: Markup | str  # an HTML fragment (print, large-print, easy-read) or plain text (text)
    count: int  # entries shown
    missing: int


def _load_services(ids: list[str]) -> dict[str, Service]:
    if not ids:
        return {}
    places = selectinload(Service.service_at_locations)
    stmt = (
        select(Service)
        .where(Service.id.in_(ids))
        .options(
            joinedload(Service.organization),
            selectinload(Service.contacts).selectinload(Contact.phones),
            places.joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
            places.selectinload(ServiceAtLocation.schedules),
            selectinload(Service.schedules),
        )
    )
    return {service.id: service for service in db.session.scalars(stmt)}


def _place(link: ServiceAtLocation) -> PlaceLines:
    location = link.location
    address = location.addresses[0] if location.addresses else None
    return PlaceLines(
        online=location.location_type == "virtual",
        name=location.name,
        address=display.address_lines(address) if address else [],
        postcode=address.postal_code if address else None,
    )


def _service_entry(service: Service, lang: str, translation, today: dt.date) -> ServiceEntry:
    description = translated_fields("service", service, lang, translation, current_app.config["DEFAULT_LANGUAGE"])[
        "description"
    ]
    schedules = list(service.schedules) + [s for link in service.service_at_locations for s in link.schedules]
    phones = [
        PhoneLine(phone.number, phone.description, phone.check_before_use, phone.source_date)
        for contact in service.contacts
        for phone in contact.phones
    ]
    emails = [email for email in [service.email, *(c.email for c in service.contacts)] if email]
    return ServiceEntry(
        id=service.id,
        name=service.name,
        organisation=service.organization.name,
        status_label=str(display.STATUS_LABELS[service.status]) if service.status != "active" else None,
        status_message=str(display.STATUS_MESSAGES[service.status]) if service.status != "active" else None,
        description=description,
        paragraphs=display.paragraphs(description.text),
        phones=phones,
        emails=list(dict.fromkeys(emails)),
        website=service.url,
        places=[_place(link) for link in service.service_at_locations],
        times=display.opening_times(schedules, lang, today),
        easy_read_url=service.easy_read_url,
        url=url_for("directory.service", lang=lang, service_id=service.id, _external=True),
    )


def _page_entry(item: PageItem, lang: str) -> PageEntry | None:
    from app.pages.views import page_url

    repo = repository()
    resolved = repo.resolve(lang, item.section, item.slug)
    if resolved is None:
        return None
    home = url_for("pages.home", lang=lang, _external=True)
    easy_read = None if resolved.english.is_easy_read else repo.easy_read_of(resolved.english)
    return PageEntry(
        title=resolved.page.meta.title,
        title_lang=resolved.page.lang,
        summary=resolved.page.meta.summary,
        status=resolved.status,
        url=urljoin(home, page_url(resolved.english, lang)),
        easy_read_url=urljoin(home, page_url(easy_read, lang)) if easy_read else None,
    )


def build_view(items: Sequence[ListItem], lang: str, today: dt.date | None = None) -> ListView:
    """The items as the output shows them, in order; items that no longer exist are counted, not shown."""
    today = today or dt.date.today()
    language = languages()[lang]
    ids = [item.service_id for item in items if isinstance(item, ServiceItem)]
    services = _load_services(ids)
    translated = lang != current_app.config["DEFAULT_LANGUAGE"]
    translations = translations_for("service", list(services), lang) if translated else {}
    entries: list[Entry] = []
    missing = 0
    with force_locale(language.locale):
        for item in items:
            entry: Entry | None
            if isinstance(item, ServiceItem):
                service = services.get(item.service_id)
                entry = _service_entry(service, lang, translations.get(service.id), today) if service else None
            else:
                entry = _page_entry(item, lang)
            if entry is None:
                missing += 1
            else:
                entries.append(entry)
        dated = format_date(today, "long", locale=language.locale)
    return ListView(lang, language.dir, entries, missing, dated, catalog_status(lang))


# -- the formats ---------------------------------------------------------------------------------------------
def output_title(fmt: Format, lang: str) -> str:
    with force_locale(languages()[lang].locale):
        return str(TITLES[fmt])


def _phone_text(phone: PhoneLine) -> str:
    text = _("Phone: %(number)s", number=phone.number)
    return f"{text} ({_('check before you call')})" if phone.check_before_use else text


def plain_text(view: ListView, title: str) -> str:
    """The list as plain text: short enough for a text message, complete enough for an email."""
    lines = [title, _("From Care and Support in Camden, %(date)s", date=view.dated), ""]
    for number, entry in enumerate(view.entries, start=1):
        if isinstance(entry, ServiceEntry):
            lines.append(f"{number}. {entry.name}")
            if entry.status_label:
                lines.append(entry.status_label)
            lines += [_phone_text(phone) for phone in entry.phones]
            lines += [f"{_('Email:')} {email}" for email in entry.emails]
            if entry.website:
                lines.append(_("Website: %(url)s", url=entry.website))
            for place in entry.places:
                if place.online:
                    lines.append(_("This service is online."))
                elif place.address or place.postcode:
                    lines.append(f"{_('Address:')} {', '.join(p for p in [*place.address, place.postcode] if p)}")
            lines.append(_("More information: %(url)s", url=entry.url))
        else:
            lines += [f"{number}. {entry.title}", entry.url]
            if entry.easy_read_url:
                lines.append(f"{_('Easy Read version')}: {entry.easy_read_url}")
        lines.append("")
    if view.missing:
        lines += [_missing_text(view.missing), ""]
    lines.append(_("Check with the service before you go: details can change."))
    return "\n".join(lines)


def _missing_text(count: int) -> str:
    return ngettext(
        "%(num)s item on this list is no longer available.",
        "%(num)s items on this list are no longer available.",
        count,
    )


def render_view(view: ListView, fmt: Format, heading_level: int = 1) -> Output:
    """One format of a view model. `heading_level` is the title's (the console nests the output under its own
    h1 with heading_level=2)."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}")
    if not 1 <= heading_level <= 4:  # the title, each item, and each item's sections: h6 at the deepest
        raise ValueError("heading_level must be 1 to 4")
    title = output_title(fmt, view.lang)
    with force_locale(languages()[view.lang].locale):
        if fmt == "text":
            body: Markup | str = plain_text(view, title)
        else:
            html = render_template(
                TEMPLATES[fmt],
                view=view,
                title=title,
                large=fmt == "large-print",
                level=heading_level,
                missing_text=_missing_text(view.missing) if view.missing else None,
            )
            body = Markup(html)  # noqa: S704 - rendered by our autoescaping templates
    return Output(fmt, view.lang, view.dir, title, body, len(view.entries), view.missing)


def render_outputs(
    items: Sequence[ListItem], lang: str, fmt: Format, *, heading_level: int = 1, today: dt.date | None = None
) -> Output:
    """Render `items` (services and information pages) in `lang` as `fmt`: the public shortlist's pages and the
    adviser console both call this."""
    return render_view(build_view(items, lang, today), fmt, heading_level)
