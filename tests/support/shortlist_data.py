"""A few directory records with everything the shortlist's outputs show, and the steps a reader takes with the
list (as a browser without JavaScript, or with htmx), for the shortlist's tests."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from app.directory.models import (
    Address,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from app.directory.translation import save_translation
from app.extensions import db, limiter

HTMX = {"HX-Request": "true"}
TOKEN_PAGE = "/en/carers/who-is-a-carer"  # any page with a form (its feedback form) gives the session's token
BN_DESCRIPTION = "অবৈতনিক পরিচর্যাকারীদের জন্য সহায়তা।"
AR_DESCRIPTION = "دعم لمقدمي الرعاية غير المأجورين."
HUB_DESCRIPTION = "Support for unpaid carers in Camden.\n\nWe run groups and give advice."


@pytest.fixture(autouse=True)
def limits_off_as_configured():
    """The test config has rate limits off, but one limiter serves every app in the process and the last app
    built sets its switch: an app built with limits on by an earlier test (a production-config app, say) would
    leave them on, and these tests post more than FORM_RATE_LIMIT allows. Import this into a test module."""
    enabled = limiter.enabled
    limiter.enabled = False
    yield
    limiter.enabled = enabled


@dataclass(frozen=True)
class Records:
    hub: Service  # everything: phones (one to check), email, website, address, weekly hours, Easy Read link
    online: Service  # temporarily closed, online only, no phone
    bare: Service  # a name and nothing else


def make_records() -> Records:
    org = Organization(name="Test Carers Centre", sources=["test"])
    hub = Service(
        organization=org,
        name="Carers Test Hub",
        description=HUB_DESCRIPTION,
        url="https://example.org/hub",
        email="hub@example.org",
        easy_read_url="https://example.org/hub/easy-read",
        sources=["test"],
    )
    hub.contacts = [
        Contact(
            name="Hub line",
            sources=["test"],
            phones=[
                Phone(number="020 7000 0001", position=0, sources=["test"]),
                Phone(number="020 7000 0002", position=1, check_before_use=True, source_date="2019", sources=["test"]),
            ],
        )
    ]
    hall = Location(
        location_type="physical",
        name="Test Hall",
        sources=["test"],
        addresses=[Address(address_1="1 Test Street", city="London", postal_code="NW1 1AA", address_type="physical")],
    )
    weekly = Schedule(freq="WEEKLY", byday="MO,WE", opens_at=dt.time(9, 0), closes_at=dt.time(17, 0))
    hub.service_at_locations = [ServiceAtLocation(location=hall, schedules=[weekly])]
    online = Service(
        organization=org,
        name="Online Test Advice",
        description="Advice by video call.",
        status="temporarily closed",
        sources=["test"],
    )
    online.service_at_locations = [
        ServiceAtLocation(location=Location(location_type="virtual", name="Online", sources=["test"]))
    ]
    bare = Service(organization=org, name="Test Befriending", sources=["test"])
    db.session.add_all([org, hub, online, bare])
    db.session.flush()
    save_translation("service", hub, "bn", {"description": BN_DESCRIPTION}, "machine-draft")
    save_translation("service", hub, "ar", {"description": AR_DESCRIPTION}, "reviewed")
    db.session.commit()
    return Records(hub, online, bare)


def csrf_token(client) -> str:
    html = client.get(TOKEN_PAGE).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def add(client, service_id: str, *, lang: str = "en", htmx: bool = False, next_url: str | None = None, token=None):
    data = {"csrf_token": token or csrf_token(client), "service_id": service_id}
    data["next"] = f"/{lang}/services/{service_id}" if next_url is None else next_url
    return client.post(f"/{lang}/shortlist/add", data=data, headers=HTMX if htmx else {})


def remove(client, service_id: str, *, lang: str = "en", htmx: bool = False):
    data = {"csrf_token": csrf_token(client), "service_id": service_id}
    return client.post(f"/{lang}/shortlist/remove", data=data, headers=HTMX if htmx else {})


def clear(client, *, lang: str = "en", htmx: bool = False):
    return client.post(
        f"/{lang}/shortlist/clear", data={"csrf_token": csrf_token(client)}, headers=HTMX if htmx else {}
    )


def stored_list(client) -> object:
    with client.session_transaction() as session:
        return session.get("shortlist")
