"""The directory's records, shaped on Open Referral UK v3.0 (HSDS-UK): ../shared/data/oruk-v3.0-uk/.

Tables and columns carry ORUK's names, so the ORUK API maps them one to one. Public ids are UUIDs (ORUK
requires them), stored as lower-case 36-character strings: the same on SQLite and PostgreSQL, in URLs, in the
search index and in the API.

Columns under a "local" comment extend ORUK where it falls short (anchors.md: the UK profile drops eligibility
descriptions and language codes, and has no model for translated text or for how sure we are of a fact). The
ORUK API leaves them out of the strict payload or puts them under a namespaced key.

Adviser-only notes (AdviserNote) have no relationship from Service, so nothing that walks a service for a
public page or the API can reach them; the adviser console queries them by service id.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.directory.translation import RecordTranslation  # noqa: F401 - its table is part of the directory's
from app.extensions import db
from app.models import utcnow

SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")
SCHEDULE_FREQUENCIES = ("WEEKLY", "MONTHLY")
# Who a service is for (local: structured eligibility). Reader-facing labels are in app/directory/display.py.
AUDIENCES = (
    "everyone",
    "adults",
    "older-people",
    "carers",
    "young-carers",
    "young-adult-carers",
    "disabled-people",
    "families",
    "professionals",
)


def new_id() -> str:
    return str(uuid.uuid4())


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


UUID = String(36)
uuid_pk = Annotated[str, mapped_column(UUID, primary_key=True, default=new_id)]
# Where a fact came from: seed file names (shared/seeds/) or URLs, as in content front matter.
Sources = Annotated[list[str], mapped_column(JSON, default=list)]
Flag = Annotated[bool, mapped_column(Boolean, default=False, server_default=false())]


class Organization(db.Model):  # type: ignore[name-defined]
    __tablename__ = "organizations"

    id: Mapped[uuid_pk]
    name: Mapped[str] = mapped_column(String(255), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    logo: Mapped[str | None] = mapped_column(String(500))
    uri: Mapped[str | None] = mapped_column(String(500))
    parent_organization_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    # local
    sources: Mapped[Sources]
    verified: Mapped[Flag]  # true only once a person at Camden has checked the record
    synthetic: Mapped[Flag] = mapped_column(index=True)  # generated test data (app/directory/synthetic.py)
    last_modified: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)

    services: Mapped[list[Service]] = relationship(back_populates="organization", order_by="Service.name")


class Service(db.Model):  # type: ignore[name-defined]
    __tablename__ = "services"
    __table_args__ = (
        CheckConstraint(_in("status", SERVICE_STATUSES), name="ck_services_status"),
        CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age", name="ck_services_ages"
        ),
    )

    id: Mapped[uuid_pk]
    organization_id: Mapped[str] = mapped_column(UUID, ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(32), default="active", index=True)
    accreditations: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    assured_date: Mapped[dt.date | None] = mapped_column(Date, index=True)  # when a person last checked it
    assurer_email: Mapped[str | None] = mapped_column(String(254))
    alert: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # local: structured eligibility (ages above are ORUK's), plus text
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    eligibility_audiences: Mapped[list[str]] = mapped_column(JSON, default=list)  # codes from AUDIENCES
    referral_needed: Mapped[bool | None] = mapped_column(Boolean)  # None: not known
    # local: accessible formats
    bsl_video_url: Mapped[str | None] = mapped_column(String(500))
    easy_read_url: Mapped[str | None] = mapped_column(String(500))
    # local: provenance
    sources: Mapped[Sources]
    verified: Mapped[Flag]
    synthetic: Mapped[Flag] = mapped_column(index=True)

    organization: Mapped[Organization] = relationship(back_populates="services")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceAtLocation.position"
    )
    attributes: Mapped[list[ServiceAttribute]] = relationship(back_populates="service", cascade="all, delete-orphan")
    terms: Mapped[list[TaxonomyTerm]] = relationship(
        secondary="service_attributes", viewonly=True, order_by="TaxonomyTerm.name"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Contact.position"
    )
    schedules: Mapped[list[Schedule]] = relationship(back_populates="service", cascade="all, delete-orphan")
    cost_options: Mapped[list[CostOption]] = relationship(back_populates="service", cascade="all, delete-orphan")
    service_areas: Mapped[list[ServiceArea]] = relationship(back_populates="service", cascade="all, delete-orphan")
    languages: Mapped[list[Language]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Language.code"
    )


class Taxonomy(db.Model):  # type: ignore[name-defined]
    __tablename__ = "taxonomies"

    id: Mapped[uuid_pk]
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(50))

    terms: Mapped[list[TaxonomyTerm]] = relationship(back_populates="taxonomy")


class TaxonomyTerm(db.Model):  # type: ignore[name-defined]
    """A term of the Camden taxonomy, copied from content/taxonomy.yaml (the file is the source of truth)."""

    __tablename__ = "taxonomy_terms"

    id: Mapped[uuid_pk]
    taxonomy_id: Mapped[str] = mapped_column(UUID, ForeignKey("taxonomies.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)  # ORUK `term` / HSDS `code`; the URL slug
    name: Mapped[str] = mapped_column(String(255))  # English; other languages are in the file
    description: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("taxonomy_terms.id", ondelete="SET NULL"))
    term_uri: Mapped[str | None] = mapped_column(String(500))

    taxonomy: Mapped[Taxonomy] = relationship(back_populates="terms")


class ServiceAttribute(db.Model):  # type: ignore[name-defined]
    """ORUK `attribute`: links a service to a taxonomy term (the category pages and filters join on it)."""

    __tablename__ = "service_attributes"
    __table_args__ = (
        UniqueConstraint("service_id", "taxonomy_term_id", name="uq_service_attributes_service_term"),
        Index("ix_service_attributes_term_service", "taxonomy_term_id", "service_id"),
    )

    id: Mapped[uuid_pk]
    service_id: Mapped[str] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"))
    taxonomy_term_id: Mapped[str] = mapped_column(UUID, ForeignKey("taxonomy_terms.id", ondelete="CASCADE"))
    link_type: Mapped[str | None] = mapped_column(String(64))

    service: Mapped[Service] = relationship(back_populates="attributes")
    term: Mapped[TaxonomyTerm] = relationship()


class Location(db.Model):  # type: ignore[name-defined]
    __tablename__ = "locations"
    __table_args__ = (
        CheckConstraint(_in("location_type", LOCATION_TYPES), name="ck_locations_location_type"),
        Index("ix_locations_latitude_longitude", "latitude", "longitude"),
    )

    id: Mapped[uuid_pk]
    location_type: Mapped[str] = mapped_column(String(16), default="physical")
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(String(100))  # e.g. a UPRN
    external_identifier_type: Mapped[str | None] = mapped_column(String(50))
    organization_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    # local
    sources: Mapped[Sources]
    synthetic: Mapped[Flag] = mapped_column(index=True)

    addresses: Mapped[list[Address]] = relationship(back_populates="location", cascade="all, delete-orphan")
    accessibility: Mapped[list[Accessibility]] = relationship(back_populates="location", cascade="all, delete-orphan")


class Address(db.Model):  # type: ignore[name-defined]
    __tablename__ = "addresses"
    __table_args__ = (CheckConstraint(_in("address_type", LOCATION_TYPES), name="ck_addresses_address_type"),)

    id: Mapped[uuid_pk]
    location_id: Mapped[str] = mapped_column(UUID, ForeignKey("locations.id", ondelete="CASCADE"), index=True)
    attention: Mapped[str | None] = mapped_column(String(255))
    address_1: Mapped[str | None] = mapped_column(String(255))
    address_2: Mapped[str | None] = mapped_column(String(255))  # HSDS 3.0; not in the UK profile
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    state_province: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(16), index=True)
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    address_type: Mapped[str] = mapped_column(String(16), default="physical")

    location: Mapped[Location] = relationship(back_populates="addresses")


class Accessibility(db.Model):  # type: ignore[name-defined]
    __tablename__ = "accessibility"

    id: Mapped[uuid_pk]
    location_id: Mapped[str] = mapped_column(UUID, ForeignKey("locations.id", ondelete="CASCADE"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))

    location: Mapped[Location] = relationship(back_populates="accessibility")


class ServiceAtLocation(db.Model):  # type: ignore[name-defined]
    __tablename__ = "service_at_locations"
    __table_args__ = (UniqueConstraint("service_id", "location_id", name="uq_service_at_locations_pair"),)

    id: Mapped[uuid_pk]
    service_id: Mapped[str] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"))
    location_id: Mapped[str] = mapped_column(UUID, ForeignKey("locations.id", ondelete="CASCADE"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    # local: display order, and a place from an old or third-party page (shown with "check before you go")
    position: Mapped[int] = mapped_column(Integer, default=0)
    check_before_use: Mapped[Flag]
    source_date: Mapped[str | None] = mapped_column(String(64))  # as the source gives it, e.g. "2019"

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship()
    schedules: Mapped[list[Schedule]] = relationship(back_populates="service_at_location", cascade="all, delete-orphan")


class Contact(db.Model):  # type: ignore[name-defined]
    __tablename__ = "contacts"

    id: Mapped[uuid_pk]
    service_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(255))  # a team or line; never a person's name unsourced
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))  # HSDS 3.0
    email: Mapped[str | None] = mapped_column(String(254))  # HSDS 3.0
    # local
    position: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[Sources]

    service: Mapped[Service | None] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Phone.position"
    )


class Phone(db.Model):  # type: ignore[name-defined]
    __tablename__ = "phones"

    id: Mapped[uuid_pk]
    contact_id: Mapped[str] = mapped_column(UUID, ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(40))  # as published, e.g. "020 7974 4444"
    extension: Mapped[str | None] = mapped_column(String(20))
    type: Mapped[str | None] = mapped_column(String(20))  # HSDS 3.0: voice, text, textphone, video...
    description: Mapped[str | None] = mapped_column(Text)
    # local: a number from an old or third-party page is shown with "check before you call" and its date
    position: Mapped[int] = mapped_column(Integer, default=0)
    check_before_use: Mapped[Flag]
    source_date: Mapped[str | None] = mapped_column(String(64))
    sources: Mapped[Sources]

    contact: Mapped[Contact] = relationship(back_populates="phones")


class Language(db.Model):  # type: ignore[name-defined]
    """A language spoken by a service's staff (not through an interpreter, as ORUK defines it)."""

    __tablename__ = "languages"
    __table_args__ = (UniqueConstraint("service_id", "code", name="uq_languages_service_code"),)

    id: Mapped[uuid_pk]
    service_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"))
    phone_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("phones.id", ondelete="CASCADE"), index=True)
    # local: the UK profile drops HSDS's name and code; we keep the ISO 639 code and name the language with it
    code: Mapped[str] = mapped_column(String(16), index=True)  # ISO 639-1 where one exists, else 639-3
    note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="languages")


class Schedule(db.Model):  # type: ignore[name-defined]
    """Opening times as an RFC 5545 recurrence (ORUK), or (local) an exception: a holiday or closure date."""

    __tablename__ = "schedules"
    __table_args__ = (
        CheckConstraint(f"freq IS NULL OR {_in('freq', SCHEDULE_FREQUENCIES)}", name="ck_schedules_freq"),
    )

    id: Mapped[uuid_pk]
    service_id: Mapped[str | None] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"), index=True)
    service_at_location_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey("service_at_locations.id", ondelete="CASCADE"), index=True
    )
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    dtstart: Mapped[dt.date | None] = mapped_column(Date)
    freq: Mapped[str | None] = mapped_column(String(10))
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(40))  # e.g. "MO,TU,WE,TH,FR"
    bymonthday: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[dt.time | None] = mapped_column(Time)
    closes_at: Mapped[dt.time | None] = mapped_column(Time)
    schedule_link: Mapped[str | None] = mapped_column(String(500))
    attending_type: Mapped[str | None] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)
    # local: an exception to the regular hours for the dates valid_from..valid_to (a bank holiday, a closure)
    is_exception: Mapped[Flag]
    closed: Mapped[Flag]  # with is_exception: closed on those dates (else open opens_at..closes_at)

    service: Mapped[Service | None] = relationship(back_populates="schedules")
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(back_populates="schedules")


class CostOption(db.Model):  # type: ignore[name-defined]
    __tablename__ = "cost_options"

    id: Mapped[uuid_pk]
    service_id: Mapped[str] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"), index=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    option: Mapped[str | None] = mapped_column(String(255))
    # asdecimal=False: SQLite has no decimal type, and SQLAlchemy warns when it converts
    amount: Mapped[float | None] = mapped_column(Numeric(10, 2, asdecimal=False))  # 0 means free
    amount_description: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))  # HSDS 3.0; GBP when an amount is given

    service: Mapped[Service] = relationship(back_populates="cost_options")


class ServiceArea(db.Model):  # type: ignore[name-defined]
    __tablename__ = "service_areas"

    id: Mapped[uuid_pk]
    service_id: Mapped[str] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(255))
    service_area: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(50))  # e.g. "ons-gss" with extent E09000007
    uri: Mapped[str | None] = mapped_column(String(500))

    service: Mapped[Service] = relationship(back_populates="service_areas")


class AdviserNote(db.Model):  # type: ignore[name-defined]
    """Local: a note for advisers only. Never shown on a public page or in the public API."""

    __tablename__ = "adviser_notes"

    id: Mapped[uuid_pk]
    service_id: Mapped[str] = mapped_column(UUID, ForeignKey("services.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    sources: Mapped[Sources]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
