"""What a reader sees of a directory record, as plain values: opening times in their language, how recently
Camden checked the record, language names, costs, eligibility. Plain functions, testable without a request;
templates only lay the values out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_currency
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.directory.models import Address, CostOption, Schedule

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
STALE_AFTER_MONTHS = 6

STATUS_LABELS = {
    "active": _l("Open"),
    "inactive": _l("Not running at the moment"),
    "defunct": _l("Closed for good"),
    "temporarily closed": _l("Temporarily closed"),
}
STATUS_MESSAGES = {
    "inactive": _l("This service is not running at the moment."),
    "defunct": _l("This service has closed and will not reopen."),
    "temporarily closed": _l("This service is temporarily closed."),
}
AUDIENCE_LABELS = {
    "everyone": _l("Everyone"),
    "adults": _l("Adults"),
    "older-people": _l("Older people"),
    "carers": _l("Unpaid carers"),
    "young-carers": _l("Young carers (under 18)"),
    "young-adult-carers": _l("Young adult carers (18 to 25)"),
    "disabled-people": _l("Disabled people"),
    "families": _l("Families"),
    "professionals": _l("Health and care professionals"),
}
# Languages Babel's CLDR data does not name (ISO 639-3 codes), in English; translated through the catalogs.
EXTRA_LANGUAGE_NAMES = {
    "bfi": _l("British Sign Language"),
    "syl": _l("Sylheti"),
}


# -- how recently a person checked the record ----------------------------------------------------------------
def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))


def check_state(assured_date: dt.date | None, today: dt.date) -> str:
    """ "never" (no person at Camden has checked it), "stale" (not for six months) or "recent"."""
    if assured_date is None:
        return "never"
    if assured_date < months_before(today, STALE_AFTER_MONTHS):
        return "stale"
    return "recent"


# -- opening times ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayHours:
    day: str  # the day's name in the reader's language
    hours: list[str]  # e.g. ["9:00 AM to 5:00 PM"]; empty means closed


@dataclass(frozen=True)
class ExceptionDay:
    dates: str
    closed: bool
    hours: str | None
    description: str | None  # English, as entered


@dataclass(frozen=True)
class OpeningTimes:
    week: list[DayHours]  # empty when no regular weekly hours are known
    other: list[str]  # regular hours that are not weekly (monthly), described
    exceptions: list[ExceptionDay]
    notes: list[str]  # schedule descriptions and notes, English, as entered

    @property
    def known(self) -> bool:
        return bool(self.week or self.other or self.exceptions)


def _valid_on(schedule: Schedule, day: dt.date) -> bool:
    return (schedule.valid_from is None or schedule.valid_from <= day) and (
        schedule.valid_to is None or day <= schedule.valid_to
    )


def _day_codes(byday: str | None) -> list[str]:
    # "MO,TU" or, in monthly rules, "1MO,-1FR": keep the weekday part.
    return [part.strip().lstrip("+-0123456789") for part in (byday or "").split(",") if part.strip()]


def hours_text(opens: dt.time | None, closes: dt.time | None, lang: str) -> str:
    if opens == dt.time(0, 0) and closes is not None and closes >= dt.time(23, 59):
        return _("Open 24 hours")
    if opens and closes:
        return _(
            "%(opens)s to %(closes)s",
            opens=format_time(opens, "short", locale=lang),
            closes=format_time(closes, "short", locale=lang),
        )
    if opens:
        return _("From %(opens)s", opens=format_time(opens, "short", locale=lang))
    return _("Times not known")


def opening_times(schedules: Iterable[Schedule], lang: str, today: dt.date) -> OpeningTimes:
    day_names = get_day_names("wide", locale=lang)
    by_day: dict[str, list[tuple[dt.time | None, str]]] = {code: [] for code in DAY_CODES}
    other, exceptions, notes = [], [], []
    weekly_seen = False
    for schedule in schedules:
        if schedule.is_exception:
            end = schedule.valid_to or schedule.valid_from
            if end is None or end < today:
                continue
            exceptions.append(_exception(schedule, lang))
            continue
        if not _valid_on(schedule, today):
            continue
        text = hours_text(schedule.opens_at, schedule.closes_at, lang)
        if schedule.freq == "WEEKLY" and _day_codes(schedule.byday):
            weekly_seen = True
            for code in _day_codes(schedule.byday):
                if code in by_day:
                    by_day[code].append((schedule.opens_at, text))
        elif schedule.freq == "MONTHLY" and schedule.bymonthday:
            other.append(_("On day %(days)s of each month: %(hours)s", days=schedule.bymonthday, hours=text))
        else:
            other.append(text)
        notes += [n for n in (schedule.description, schedule.notes) if n]
    week = []
    if weekly_seen:
        for index, code in enumerate(DAY_CODES):
            slots = sorted(by_day[code], key=lambda slot: slot[0] or dt.time(0))
            week.append(DayHours(day_names[index], [text for _opens, text in slots]))
    exceptions.sort(key=lambda e: e.dates)
    return OpeningTimes(week, other, exceptions, list(dict.fromkeys(notes)))


def _exception(schedule: Schedule, lang: str) -> ExceptionDay:
    start = schedule.valid_from or schedule.valid_to
    end = schedule.valid_to or start
    assert start is not None and end is not None  # the caller skips exceptions without dates
    if start == end:
        dates = format_date(start, "full", locale=lang)
    else:
        dates = _(
            "%(start)s to %(end)s",
            start=format_date(start, "full", locale=lang),
            end=format_date(end, "full", locale=lang),
        )
    hours = None if schedule.closed else hours_text(schedule.opens_at, schedule.closes_at, lang)
    return ExceptionDay(dates, schedule.closed, hours, schedule.description)


# -- languages, costs, addresses, eligibility ------------------------------------------------------------------
def language_name(code: str, lang: str) -> str:
    """A language's name in the reader's language (CLDR via Babel), else our own list, else the code."""
    try:
        name = Locale.parse(lang).languages.get(code)
    except (ValueError, LookupError):
        name = None
    if name:
        return name
    extra = EXTRA_LANGUAGE_NAMES.get(code)
    return str(extra) if extra is not None else code


def cost_text(option: CostOption, lang: str) -> str:
    if option.amount is None:
        return _("Cost not known")
    if option.amount == 0:
        return _("Free")
    return format_currency(option.amount, option.currency or "GBP", locale=lang)


def address_lines(address: Address) -> list[str]:
    parts = [address.attention, address.address_1, address.address_2, address.city, address.region]
    return [part for part in parts if part]


def audience_labels(codes: Iterable[str]) -> list[str]:
    return [str(AUDIENCE_LABELS[code]) for code in codes if code in AUDIENCE_LABELS]


def age_text(minimum: int | None, maximum: int | None) -> str | None:
    if minimum is not None and maximum is not None:
        return _("%(minimum)s to %(maximum)s years old", minimum=minimum, maximum=maximum)
    if minimum is not None:
        return _("%(minimum)s or over", minimum=minimum)
    if maximum is not None:
        return _("Under %(limit)s", limit=maximum + 1)
    return None


def paragraphs(text: str | None) -> list[str]:
    """Plain text with blank lines between paragraphs (directory text is never HTML)."""
    if not text:
        return []
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def excerpt(text: str | None, words: int = 30) -> str:
    flat = " ".join((text or "").split())
    parts = flat.split(" ")
    return flat if len(parts) <= words else " ".join(parts[:words]) + " …"
