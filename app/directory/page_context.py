"""The template context of each directory page, built by plain functions (no request needed to test them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app

from app.content.service import Source
from app.directory import display
from app.directory.models import Service, ServiceAtLocation
from app.directory.queries import Page
from app.directory.taxonomy import CamdenTaxonomy, ShownLabel, Term
from app.directory.translation import translated_fields, translations_for

# Which label status a page-level notice reports first, when the category names on a page differ.
NOTICE_ORDER = ("missing", "outdated", "machine-draft", "human-draft")


def shown_sources(sources: list[str]) -> list[Source]:
    """Seed files by their document title; URLs as links (as content pages show them)."""
    titles = current_app.extensions["seed_titles"]
    return [Source(s, s) if s.startswith("http") else Source(titles.get(s, s), None) for s in sources]


def label_notice(labels: list[ShownLabel]) -> str | None:
    statuses = {label.status for label in labels}
    return next((status for status in NOTICE_ORDER if status in statuses), None)


@dataclass(frozen=True)
class Place:
    name: str | None
    online: bool
    address: list[str]
    postcode: str | None
    accessibility: list[str]  # English, as entered
    description: str | None
    check_before_use: bool
    source_date: str | None


def _place(link: ServiceAtLocation) -> Place:
    location = link.location
    address = location.addresses[0] if location.addresses else None
    return Place(
        name=location.name,
        online=location.location_type == "virtual",
        address=display.address_lines(address) if address else [],
        postcode=address.postal_code if address else None,
        accessibility=[a.description or a.details or "" for a in location.accessibility if a.description or a.details],
        description=link.description,
        check_before_use=link.check_before_use,
        source_date=link.source_date,
    )


def service_page_context(service: Service, lang: str, tax: CamdenTaxonomy, today: dt.date) -> dict:
    organization = service.organization
    translated = lang != current_app.config["DEFAULT_LANGUAGE"]
    translation = translations_for("service", [service.id], lang).get(service.id) if translated else None
    org_translation = (
        translations_for("organization", [organization.id], lang).get(organization.id) if translated else None
    )
    fields = translated_fields("service", service, lang, translation)
    schedules = list(service.schedules) + [s for link in service.service_at_locations for s in link.schedules]
    terms = sorted(
        (tax.by_id[a.taxonomy_term_id] for a in service.attributes if a.taxonomy_term_id in tax.by_id),
        key=lambda term: term.position,
    )
    return {
        "service": service,
        "organization": organization,
        "organization_description": translated_fields("organization", organization, lang, org_translation)[
            "description"
        ],
        "description": fields["description"],
        "description_paragraphs": display.paragraphs(fields["description"].text),
        "eligibility_description": fields["eligibility_description"],
        "alert": fields["alert"],
        "service_status": str(display.STATUS_LABELS[service.status]),
        "status_message": str(display.STATUS_MESSAGES[service.status]) if service.status != "active" else None,
        "check": display.check_state(service.assured_date, today),
        "times": display.opening_times(schedules, lang, today),
        "places": [_place(link) for link in service.service_at_locations],
        "languages": sorted(display.language_name(language.code, lang) for language in service.languages),
        "costs": [
            (display.cost_text(option, lang), option.option, option.amount_description)
            for option in service.cost_options
        ],
        "audiences": display.audience_labels(service.eligibility_audiences),
        "ages": display.age_text(service.minimum_age, service.maximum_age),
        "areas": [area.name or area.service_area for area in service.service_areas if area.name or area.service_area],
        "categories": [(term, term.label(lang)) for term in terms],
        "sources": shown_sources(service.sources),
        "excerpt": display.excerpt(fields["description"].text),
    }


def categories_context(tax: CamdenTaxonomy, lang: str, counts: dict[str, int]) -> dict:
    """Every term, top-level terms first with their children under them."""
    entries = []
    for term in tax.terms:
        if term.parent is None:
            children = [child for child in tax.terms if child.parent == term.slug]
            entries.append(
                {
                    "term": term,
                    "label": term.label(lang),
                    "count": counts.get(term.id, 0),
                    "children": [{"term": c, "label": c.label(lang), "count": counts.get(c.id, 0)} for c in children],
                }
            )
    labels = [term.label(lang) for term in tax.terms]
    return {"entries": entries, "label_status": label_notice(labels)}


@dataclass(frozen=True)
class ListedService:
    service: Service
    summary: str
    summary_lang: str
    status_label: str | None


def category_context(term: Term, tax: CamdenTaxonomy, listing: Page[Service], lang: str) -> dict:
    translated = lang != current_app.config["DEFAULT_LANGUAGE"]
    translations = translations_for("service", [s.id for s in listing.items], lang) if translated else {}
    listed = []
    for service in listing.items:
        description = translated_fields("service", service, lang, translations.get(service.id))["description"]
        listed.append(
            ListedService(
                service=service,
                summary=display.excerpt(description.text),
                summary_lang=description.lang,
                status_label=str(display.STATUS_LABELS[service.status]) if service.status != "active" else None,
            )
        )
    label = term.label(lang)
    parent = tax.by_slug[term.parent] if term.parent else None
    return {
        "term": term,
        "label": label,
        "label_status": label_notice([label]),
        "parent": (parent, parent.label(lang)) if parent else None,
        "children": [(c, c.label(lang)) for c in tax.terms if c.parent == term.slug],
        "listing": listing,
        "listed": listed,
    }
