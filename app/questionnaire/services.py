"""Services from the directory for each outcome of the result: through the outcome's taxonomy terms (the one
Camden taxonomy, content/taxonomy.yaml), listed services only (as app/directory/queries.py lists them), never
synthetic test records, up to five per outcome and each service once on the page."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.directory import display
from app.directory.models import Service, ServiceAttribute
from app.directory.page_context import ListedService
from app.directory.queries import LISTED
from app.directory.taxonomy import ShownLabel, taxonomy
from app.directory.translation import translated_fields, translations_for
from app.extensions import db

PER_OUTCOME = 5


@dataclass(frozen=True)
class ServicesForOutcome:
    outcome_id: str
    services: list[ListedService]


@dataclass(frozen=True)
class CategoryLink:
    href: str
    label: ShownLabel


def _services_in(term_ids: list[str], leave_out: set[str], limit: int) -> list[Service]:
    if not term_ids:
        return []
    in_terms = select(ServiceAttribute.service_id).where(ServiceAttribute.taxonomy_term_id.in_(term_ids))
    stmt = (
        select(Service)
        .where(Service.id.in_(in_terms), LISTED, Service.synthetic.is_(False))
        .order_by(Service.name, Service.id)
        .options(joinedload(Service.organization))
    )
    if leave_out:
        stmt = stmt.where(Service.id.not_in(leave_out))
    return list(db.session.scalars(stmt.limit(limit)))


def services_for_outcomes(outcomes: list[tuple[str, list[str]]], lang: str) -> list[ServicesForOutcome]:
    """For each (outcome id, term slugs), in order, up to PER_OUTCOME services not listed for an earlier one."""
    tax = taxonomy()
    shown: set[str] = set()
    found = []
    for outcome_id, slugs in outcomes:
        term_ids = [tax.by_slug[slug].id for slug in slugs if slug in tax.by_slug]
        services = _services_in(term_ids, shown, PER_OUTCOME)
        shown.update(service.id for service in services)
        found.append((outcome_id, services))
    translated = lang != current_app.config["DEFAULT_LANGUAGE"]
    every_id = [service.id for _, services in found for service in services]
    translations = translations_for("service", every_id, lang) if translated else {}
    result = []
    for outcome_id, services in found:
        listed = []
        for service in services:
            description = translated_fields("service", service, lang, translations.get(service.id))["description"]
            listed.append(
                ListedService(
                    service=service,
                    summary=display.excerpt(description.text),
                    summary_lang=description.lang,
                    status_label=str(display.STATUS_LABELS[service.status]) if service.status != "active" else None,
                )
            )
        result.append(ServicesForOutcome(outcome_id, listed))
    return result


def category_links(slugs: list[str], lang: str) -> list[CategoryLink]:
    tax = taxonomy()
    return [
        CategoryLink(url_for("directory.category", slug=slug), tax.by_slug[slug].label(lang))
        for slug in slugs
        if slug in tax.by_slug
    ]
