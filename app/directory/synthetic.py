"""Synthetic directories for tests and benchmarks: clearly fake, flagged, deterministic and fast.

Every record is named "Synthetic ... (test data)" and stored with synthetic=True; phone numbers are from
Ofcom's range reserved for drama (020 7946 0000 to 0999), emails and links are on example.org, and no
synthetic record is ever loaded by `make run`. The same count and seed always give the same rows (ids and
dates included: nothing reads the clock), so tests and benchmark runs can be compared. Rows go in with
bulk Core inserts, a batch of services at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from app.directory.models import (
    AUDIENCES,
    Accessibility,
    Address,
    AdviserNote,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.taxonomy import sync_taxonomy, taxonomy
from app.directory.translation import RecordTranslation
from app.extensions import db

OUTCODES_CSV = Path(__file__).parent / "data" / "camden_outcodes.csv"
BASE_TIME = dt.datetime(2026, 1, 1, 9, 0)  # fixed, so the data does not depend on when it was made
SERVICES_PER_ORGANIZATION = 5
BATCH = 5_000
SOURCE = "app/directory/synthetic.py"

# fmt: off
WORDS = (
    "support", "carers", "advice", "help", "local", "community", "group", "weekly", "friendly", "team",
    "visit", "home", "care", "health", "wellbeing", "money", "benefits", "housing", "advocacy", "learning",
    "skills", "activities", "lunch", "club", "drop-in", "session", "phone", "online", "meeting", "family",
    "partner", "friend", "neighbour", "older", "adults", "disability", "mental", "emotional", "practical",
    "training", "volunteers", "referral", "assessment", "information", "guidance", "listening", "respite",
    "break", "walking", "art", "music", "garden", "cooking", "exercise", "confidence", "independent", "living",
    "equipment", "safety", "access", "language", "interpreters", "translation", "forms", "letters",
    "appointments", "transport", "shopping", "loneliness", "peer", "counselling", "workshops", "evening",
    "morning", "borough", "neighbourhood", "centre", "library", "space", "quiet", "welcoming",
)
# fmt: on
LANGUAGE_CODES = ("bn", "so", "ar", "pl", "pt", "tr", "es", "fr", "syl", "bfi", "ur", "zh", "ti", "am")
ACCESSIBILITY = (
    "Step-free access from the street.",
    "Hearing loop at reception.",
    "Accessible toilet.",
    "Lift to all floors.",
    "Quiet room available.",
)
WEEKLY_PATTERNS = (
    (("MO,TU,WE,TH,FR", "09:00", "17:00"),),
    (("MO,WE,FR", "10:00", "16:00"),),
    (("MO,TU,WE,TH,FR", "09:30", "16:30"), ("SA", "10:00", "13:00")),
    (("TU,TH", "13:00", "19:00"),),
    (("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"),),
)
HOLIDAYS = (dt.date(2026, 5, 25), dt.date(2026, 8, 31), dt.date(2026, 12, 25), dt.date(2026, 12, 28))
STATUSES = (("active", 90), ("temporarily closed", 4), ("inactive", 3), ("defunct", 3))


def load_outcodes(path: Path = OUTCODES_CSV) -> list[tuple[str, float, float]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [(row["outcode"], float(row["latitude"]), float(row["longitude"])) for row in rows]


def delete_synthetic() -> None:
    """Remove every synthetic record, children first (SQLite does not cascade without its FK pragma)."""
    services = select(Service.id).where(Service.synthetic)
    contacts = select(Contact.id).where(Contact.service_id.in_(services))
    links = select(ServiceAtLocation.id).where(ServiceAtLocation.service_id.in_(services))
    locations = select(Location.id).where(Location.synthetic)
    for stmt in (
        delete(RecordTranslation).where(
            RecordTranslation.record_type == "service", RecordTranslation.record_id.in_(services)
        ),
        delete(AdviserNote).where(AdviserNote.service_id.in_(services)),
        delete(Phone).where(Phone.contact_id.in_(contacts)),
        delete(Contact).where(Contact.service_id.in_(services)),
        delete(Schedule).where(Schedule.service_at_location_id.in_(links)),
        delete(Schedule).where(Schedule.service_id.in_(services)),
        delete(ServiceAtLocation).where(ServiceAtLocation.service_id.in_(services)),
        *(delete(model).where(model.service_id.in_(services)) for model in _SERVICE_CHILDREN),
        delete(Service).where(Service.synthetic),
        delete(Address).where(Address.location_id.in_(locations)),
        delete(Accessibility).where(Accessibility.location_id.in_(locations)),
        delete(Location).where(Location.synthetic),
        delete(Organization).where(Organization.synthetic),
    ):
        db.session.execute(stmt.execution_options(synchronize_session=False))


_SERVICE_CHILDREN: tuple[Any, ...] = (Language, CostOption, ServiceArea, ServiceAttribute)
_INSERT_ORDER: tuple[Any, ...] = (
    Organization,
    Location,
    Address,
    Accessibility,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Contact,
    Phone,
    Language,
    Schedule,
    CostOption,
    ServiceArea,
    AdviserNote,
)


def generate(count: int, seed: int, batch: int = BATCH) -> int:
    """Replace the synthetic directory with `count` services made from `seed`; the caller commits."""
    tax = taxonomy()
    sync_taxonomy(tax)
    db.session.flush()
    delete_synthetic()
    maker = _Maker(random.Random(seed), [t.id for t in tax.terms], load_outcodes())  # noqa: S311 - test data
    defaults = {model: _column_defaults(model) for model in _INSERT_ORDER}
    for start in range(0, count, batch):
        rows: dict[Any, list[dict]] = {model: [] for model in _INSERT_ORDER}
        for number in range(start + 1, min(count, start + batch) + 1):
            for model, row in maker.service(number):
                rows[model].append({**defaults[model], **row})
        for model in _INSERT_ORDER:
            if rows[model]:
                # Core executemany with identical keys in every row: one batched statement per table
                # (the ORM's bulk insert splits rows by which values are None, which is far slower).
                db.session.execute(insert(model.__table__), rows[model])
    return count


def _column_defaults(model: Any) -> dict[str, Any]:
    """Every column with its Python-side default (a list for JSON lists, False for flags), else None."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if default is None:
            values[column.name] = None
        elif default.is_scalar:
            values[column.name] = default.arg
        else:
            values[column.name] = default.arg(None)  # list, dict, utcnow, new_id: always overridden or empty
    return values


_VERSION_MASK = ~((0xC000 << 48) | (0xF000 << 64))
_VERSION_4 = (0x8000 << 48) | (4 << 76)


class _Maker:
    def __init__(self, rng: random.Random, term_ids: list[str], outcodes: list[tuple[str, float, float]]):
        self.rng = rng
        self.term_ids = term_ids
        self.outcodes = outcodes
        self.organization_id = ""

    def uuid(self) -> str:
        # What str(uuid.UUID(int=bits, version=4)) gives, without building UUID objects (a third faster).
        bits = (self.rng.getrandbits(128) & _VERSION_MASK) | _VERSION_4
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def when(self, days: int) -> dt.datetime:
        return BASE_TIME - dt.timedelta(minutes=self.rng.randrange(days * 24 * 60))

    def text(self, words: int) -> str:
        chosen = self.rng.choices(WORDS, k=words)
        sentences, i = [], 0
        while i < len(chosen):
            size = self.rng.randint(8, 14)
            sentence = " ".join(chosen[i : i + size])
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            i += size
        return " ".join(sentences)

    def service(self, n: int) -> Iterator[tuple[Any, dict]]:
        rng = self.rng
        if (n - 1) % SERVICES_PER_ORGANIZATION == 0:
            self.organization_id = self.uuid()
            org_number = (n - 1) // SERVICES_PER_ORGANIZATION + 1
            yield (
                Organization,
                {
                    "id": self.organization_id,
                    "name": f"Synthetic organisation {org_number:05d} (test data)",
                    "description": "A made-up organisation for tests and benchmarks. " + self.text(20),
                    "website": f"https://example.org/organisations/{org_number:05d}",
                    "sources": [SOURCE],
                    "verified": False,
                    "synthetic": True,
                    "last_modified": self.when(700),
                },
            )
        service_id = self.uuid()
        status = rng.choices([s for s, _w in STATUSES], weights=[w for _s, w in STATUSES])[0]
        audiences = rng.sample(AUDIENCES, k=rng.choice((0, 1, 1, 2)))
        minimum = rng.choice((None, None, None, 16, 18, 65))
        maximum = rng.choice((None, None, 25, 99)) if minimum is not None else None
        if maximum is not None and minimum is not None and maximum < minimum:
            maximum = None
        yield (
            Service,
            {
                "id": service_id,
                "organization_id": self.organization_id,
                "name": f"Synthetic service {n:05d} (test data)",
                "description": self.text(60),
                "url": f"https://example.org/services/{n:05d}" if rng.random() < 0.7 else None,
                "email": None,
                "status": status,
                "minimum_age": minimum,
                "maximum_age": maximum,
                "assured_date": None
                if rng.random() < 0.4
                else (BASE_TIME - dt.timedelta(days=rng.randrange(500))).date(),
                "alert": "Synthetic alert (test data): " + self.text(12) if rng.random() < 0.05 else None,
                "last_modified": self.when(400),
                "eligibility_description": "Synthetic eligibility (test data): " + self.text(15)
                if rng.random() < 0.5
                else None,
                "eligibility_audiences": audiences,
                "referral_needed": rng.choice((True, False, None)),
                "bsl_video_url": f"https://example.org/bsl/{n:05d}" if rng.random() < 0.05 else None,
                "easy_read_url": f"https://example.org/easy-read/{n:05d}" if rng.random() < 0.05 else None,
                "sources": [SOURCE],
                "verified": False,
                "synthetic": True,
            },
        )
        link_id = yield from self.place(n, service_id)
        for term_id in rng.sample(self.term_ids, k=rng.choice((1, 1, 2, 2, 3))):
            yield ServiceAttribute, {"id": self.uuid(), "service_id": service_id, "taxonomy_term_id": term_id}
        contact_id = self.uuid()
        yield (
            Contact,
            {
                "id": contact_id,
                "service_id": service_id,
                "name": f"Synthetic contact {n:05d} (test data)",
                "email": f"service{n:05d}@example.org",
                "position": 0,
                "sources": [SOURCE],
            },
        )
        yield (
            Phone,
            {
                "id": self.uuid(),
                "contact_id": contact_id,
                "number": f"020 7946 0{rng.randrange(1000):03d}",
                "position": 0,
                "check_before_use": False,
                "sources": [SOURCE],
            },
        )
        for code in ["en", *rng.sample(LANGUAGE_CODES, k=rng.choice((0, 0, 1, 2)))]:
            yield Language, {"id": self.uuid(), "service_id": service_id, "code": code}
        yield from self.schedules(service_id, link_id)
        cost = rng.random()
        if cost < 0.85:
            amount = 0.0 if cost < 0.6 else float(rng.randrange(5, 41))
            yield (
                CostOption,
                {
                    "id": self.uuid(),
                    "service_id": service_id,
                    "option": "Synthetic cost (test data)",
                    "amount": amount,
                    "currency": "GBP" if amount else None,
                    "amount_description": "per session" if amount else None,
                },
            )
        if rng.random() < 0.2:
            yield (
                ServiceArea,
                {
                    "id": self.uuid(),
                    "service_id": service_id,
                    "name": "London Borough of Camden",
                    "extent": "E09000007",
                    "extent_type": "ons-gss",
                },
            )
        if rng.random() < 0.1:
            yield (
                AdviserNote,
                {
                    "id": self.uuid(),
                    "service_id": service_id,
                    "body": f"Synthetic adviser note {n:05d} (test data): never shown on a public page.",
                    "sources": [SOURCE],
                    "created_at": BASE_TIME,
                },
            )

    def place(self, n: int, service_id: str):
        rng = self.rng
        location_id, link_id = self.uuid(), self.uuid()
        online = rng.random() < 0.15
        outcode, latitude, longitude = rng.choice(self.outcodes)
        yield (
            Location,
            {
                "id": location_id,
                "location_type": "virtual" if online else "physical",
                "name": "Online" if online else f"Synthetic place {n:05d} (test data)",
                "latitude": None if online else round(latitude + rng.uniform(-0.006, 0.006), 6),
                "longitude": None if online else round(longitude + rng.uniform(-0.009, 0.009), 6),
                "sources": [SOURCE],
                "synthetic": True,
            },
        )
        if not online:
            inward = f"{rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            yield (
                Address,
                {
                    "id": self.uuid(),
                    "location_id": location_id,
                    "address_1": f"{rng.randrange(1, 300)} Synthetic Street (test data)",
                    "city": "London",
                    "postal_code": f"{outcode} {inward}",
                    "country": "GB",
                    "address_type": "physical",
                },
            )
            for description in rng.sample(ACCESSIBILITY, k=rng.choice((0, 1, 2))):
                yield Accessibility, {"id": self.uuid(), "location_id": location_id, "description": description}
        yield (
            ServiceAtLocation,
            {
                "id": link_id,
                "service_id": service_id,
                "location_id": location_id,
                "position": 0,
                "check_before_use": False,
            },
        )
        return link_id

    def schedules(self, service_id: str, link_id: str) -> Iterator[tuple[Any, dict]]:
        rng = self.rng
        if rng.random() < 0.2:
            return  # opening times not known
        for byday, opens, closes in rng.choice(WEEKLY_PATTERNS):
            yield (
                Schedule,
                {
                    "id": self.uuid(),
                    "service_at_location_id": link_id,
                    "freq": "WEEKLY",
                    "byday": byday,
                    "opens_at": dt.time.fromisoformat(opens),
                    "closes_at": dt.time.fromisoformat(closes),
                    "is_exception": False,
                    "closed": False,
                },
            )
        if rng.random() < 0.3:
            day = rng.choice(HOLIDAYS)
            yield (
                Schedule,
                {
                    "id": self.uuid(),
                    "service_id": service_id,
                    "valid_from": day,
                    "valid_to": day,
                    "description": "Bank holiday (test data)",
                    "is_exception": True,
                    "closed": True,
                },
            )
