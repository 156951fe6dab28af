"""The shape of content/directory/seed.yaml, validated strictly: an unknown key, a record without sources, an
unknown category or a time YAML would have read as a number fails loudly instead of loading a wrong fact.

There is no assured_date, verified or synthetic key on purpose: the loader sets them (nobody at Camden has
checked seeded records).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.directory.models import AUDIENCES, LOCATION_TYPES, SCHEDULE_FREQUENCIES, SERVICE_STATUSES

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1, or 639-3 where there is no two-letter code
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str

    @field_validator("id")
    @classmethod
    def uuid(cls, value: str) -> str:
        if not UUID_RE.match(value):
            raise ValueError("id must be a lower-case UUID")
        return value


RequiredSources = Annotated[list[str], Field(min_length=1)]


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    attention: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


class AccessibilityIn(_Record):
    description: str | None = None
    details: str | None = None
    url: str | None = None


class LocationIn(_Record):
    location_type: str
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: AddressIn | None = None
    accessibility: list[AccessibilityIn] = []
    sources: RequiredSources

    @field_validator("location_type")
    @classmethod
    def known_type(cls, value: str) -> str:
        if value not in LOCATION_TYPES:
            raise ValueError(f"location_type must be one of {LOCATION_TYPES}")
        return value


class PhoneIn(_Record):
    number: str
    type: str | None = None
    description: str | None = None
    check_before_use: bool = False
    source_date: str | None = None  # as the source gives it; null when undated
    sources: RequiredSources


class ContactIn(_Record):
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[PhoneIn] = []
    sources: RequiredSources


class ServiceAtLocationIn(_Record):
    location: str  # a location id from the file's `locations`
    description: str | None = None
    check_before_use: bool = False
    source_date: str | None = None


class ScheduleIn(_Record):
    freq: str | None = None
    interval: int | None = None
    byday: str | None = None
    bymonthday: str | None = None
    dtstart: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None
    description: str | None = None
    attending_type: str | None = None
    notes: str | None = None
    is_exception: bool = False
    closed: bool = False

    @field_validator("opens_at", "closes_at", mode="before")
    @classmethod
    def quoted_time(cls, value: object) -> object:
        # Unquoted 09:00 is a base-60 number to YAML 1.1; insist on a quoted "HH:MM".
        if value is not None and not (isinstance(value, str) and TIME_RE.match(value)):
            raise ValueError('times are quoted 24-hour "HH:MM" strings')
        return value

    @field_validator("freq")
    @classmethod
    def known_freq(cls, value: str | None) -> str | None:
        if value is not None and value not in SCHEDULE_FREQUENCIES:
            raise ValueError(f"freq must be one of {SCHEDULE_FREQUENCIES}")
        return value


class CostOptionIn(_Record):
    option: str | None = None
    amount: float | None = None
    amount_description: str | None = None
    currency: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class ServiceAreaIn(_Record):
    name: str | None = None
    service_area: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None


class AdviserNoteIn(_Record):
    body: str
    sources: list[str] = []  # may be empty when the note says what was *not* found


class EligibilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    audiences: list[str] = []
    referral_needed: bool | None = None
    description: str | None = None

    @field_validator("audiences")
    @classmethod
    def known_audiences(cls, value: list[str]) -> list[str]:
        unknown = [a for a in value if a not in AUDIENCES]
        if unknown:
            raise ValueError(f"unknown audiences {unknown}; use {AUDIENCES}")
        return value


class ServiceIn(_Record):
    name: str
    status: str = "active"
    description: str | None = None
    url: str | None = None
    email: str | None = None
    alert: str | None = None
    accreditations: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility: EligibilityIn = EligibilityIn()
    categories: list[str] = Field(min_length=1)  # taxonomy slugs
    languages: list[str] = []  # ISO 639 codes of languages the staff speak
    bsl_video_url: str | None = None
    easy_read_url: str | None = None
    contacts: list[ContactIn] = []
    locations: list[ServiceAtLocationIn] = []
    schedules: list[ScheduleIn] = []
    cost_options: list[CostOptionIn] = []
    service_areas: list[ServiceAreaIn] = []
    adviser_notes: list[AdviserNoteIn] = []
    sources: RequiredSources

    @field_validator("status")
    @classmethod
    def known_status(cls, value: str) -> str:
        if value not in SERVICE_STATUSES:
            raise ValueError(f"status must be one of {SERVICE_STATUSES}")
        return value

    @field_validator("languages")
    @classmethod
    def iso_codes(cls, value: list[str]) -> list[str]:
        bad = [code for code in value if not LANGUAGE_CODE.match(code)]
        if bad:
            raise ValueError(f"not ISO 639 codes: {bad}")
        return value


class OrganizationIn(_Record):
    name: str
    description: str | None = None
    website: str | None = None
    email: str | None = None
    services: list[ServiceIn] = []
    sources: RequiredSources


class SeedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    locations: list[LocationIn] = []
    organizations: list[OrganizationIn]
