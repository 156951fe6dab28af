"""The template context of each questionnaire page, built by plain functions (they need an app and request
context for url_for and the site's languages, nothing else).

GOV.UK macro parameters are built here, not in the templates, so that every text goes through `Texts` (the
reader's language, or English marked as English) and the templates stay thin.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from flask import url_for
from markupsafe import Markup, escape

from app.i18n import languages, tel, text_direction
from app.questionnaire.definition import RESULT, Block, Question
from app.questionnaire.flow import Answers, walk
from app.questionnaire.outcomes import Decision
from app.questionnaire.registry import Questionnaire
from app.questionnaire.rules import Period
from app.questionnaire.services import ServicesForOutcome, category_links, services_for_outcomes
from app.questionnaire.texts import Texts, Value

FIELD = "answer"  # the form field of every question; the first input's id, for the error summary's link


def _locale(lang: str) -> str:
    return languages()[lang].locale


def _money(amount: Decimal) -> Value:
    """£86.45, and whole pounds without pence (£204), in the locale's own pattern."""

    def formatted(locale: str) -> tuple[str, Markup]:
        if amount != amount.to_integral_value():
            return _plain(format_currency(amount, "GBP", locale=locale))
        pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
        return _plain(format_currency(amount, "GBP", format=pattern, locale=locale, currency_digits=False))

    return formatted


def _number(value: int) -> Value:
    return lambda locale: _plain(format_decimal(value, locale=locale))


def _date(day: dt.date) -> Value:
    return lambda locale: _plain(format_date(day, format="long", locale=locale))


def _plain(text: str) -> tuple[str, Markup]:
    return text, escape(text)


def _phone(number: str) -> Value:
    return lambda locale: (number, tel(number))


def placeholder_values(q: Questionnaire, period: Period, today: dt.date) -> dict[str, Value]:
    ca, cc = period.carers_allowance, period.carers_credit
    values: dict[str, Value] = {
        "ca_weekly_rate": _money(ca.weekly_rate),
        "ca_earnings_limit": _money(ca.earnings_limit_a_week),
        "ca_min_hours": _number(ca.min_hours_a_week),
        "ca_min_age": _number(ca.min_age),
        "ca_study_hours": _number(ca.study_hours_limit),
        "cc_min_hours": _number(cc.min_hours_a_week),
        "cc_min_age": _number(cc.min_age),
        "rules_from": _date(period.effective_from),
        "today": _date(today),
        "site": lambda locale: _plain(url_for("pages.home", _external=True)),
    }
    values.update({f"phone_{name}": _phone(number) for name, number in q.definition.phones.items()})
    return values


def make_texts(q: Questionnaire, lang: str, today: dt.date) -> Texts:
    period = q.rules.in_force(today)
    return Texts(q.catalog, lang, placeholder_values(q, period, today), _locale, text_direction)


def question_url(question_id: str, *, change: bool = False) -> str:
    if question_id == RESULT:
        return url_for("questionnaire.check_answers")
    if change:
        return url_for("questionnaire.question", question_id=question_id, change="yes")
    return url_for("questionnaire.question", question_id=question_id)


def _notice(texts: Texts, notice: str | None) -> dict | None:
    if not notice:
        return None
    return {"titleHtml": texts("texts.notice-title").html, "html": texts(f"texts.{notice}").html}


def question_context(
    q: Questionnaire,
    texts: Texts,
    question: Question,
    answers: Answers,
    *,
    chosen: tuple[str, ...] | None = None,
    error: bool = False,
    notice: str | None = None,
    change: bool = False,
) -> dict:
    """One question: `chosen` is what the form shows as selected (the stored answer, or what was just sent)."""
    base = f"questions.{question.id}"
    current = answers.get(question.id, ()) if chosen is None else chosen
    title = texts(f"{base}.title")
    items: list[dict] = []
    for option in question.options:
        if option.exclusive:
            items.append({"divider": texts("texts.or").html})
        items.append(
            {
                "value": option.value,
                "html": texts(f"{base}.options.{option.value}.label").html,
                "hint": {"html": texts(f"{base}.options.{option.value}.hint").html} if option.hint else None,
                "checked": option.value in current,
                "behaviour": "exclusive" if option.exclusive else None,
            }
        )
    error_text = texts(f"{base}.error") if error else None
    legend = Markup('<h1 class="govuk-fieldset__heading" tabindex="-1">{}</h1>').format(title.html)
    fields = {
        "name": FIELD,
        "idPrefix": FIELD,
        "fieldset": {"legend": {"html": legend, "classes": "govuk-fieldset__legend--l"}},
        "hint": {"html": texts(f"{base}.hint").html} if question.hint else None,
        "items": items,
        "errorMessage": {"html": error_text.html, "visuallyHiddenText": texts("texts.error-prefix").text}
        if error_text
        else None,
    }
    previous = walk(q.definition, answers).previous(question.id)
    if change:
        back = url_for("questionnaire.check_answers")
    elif previous:
        back = question_url(previous)
    else:
        back = url_for("questionnaire.start")
    context = {
        "english_href": url_for("questionnaire.question", question_id=question.id, lang="en"),
        "title": title,
        "question": question,
        "fields": fields,
        "action": question_url(question.id, change=change),
        "back_href": back,
        "back": texts("texts.back"),
        "continue": texts("texts.continue"),
        "notice": _notice(texts, notice),
        "error_summary": {
            "titleHtml": texts("texts.error-summary-title").html,
            "errorList": [{"html": error_text.html, "href": f"#{FIELD}"}],
            "attributes": {"data-focus-on-swap": ""},
        }
        if error_text
        else None,
    }
    context["translation"] = texts.page_status()
    return context


def check_answers_context(q: Questionnaire, texts: Texts, answers: Answers, notice: str | None = None) -> dict:
    way = walk(q.definition, answers)
    change = texts("texts.change")
    rows = []
    for qid in way.answered:
        question = q.definition.by_id[qid]
        base = f"questions.{qid}"
        summary = texts(f"{base}.summary")
        labels = [texts(f"{base}.options.{value}.label").html for value in answers[qid]]
        value = (
            labels[0]
            if len(labels) == 1
            else Markup('<ul class="govuk-list">{}</ul>').format(
                Markup("").join(Markup("<li>{}</li>").format(label) for label in labels)
            )
        )
        rows.append(
            {
                "key": {"html": summary.html},
                "value": {"html": value},
                "actions": {
                    "items": [
                        {
                            "href": question_url(question.id, change=True),
                            "html": change.html,
                            "visuallyHiddenText": summary.text,
                        }
                    ]
                },
            }
        )
    last = way.answered[-1] if way.answered else None
    context = {
        "english_href": url_for("questionnaire.check_answers", lang="en"),
        "result_href": url_for("questionnaire.result"),
        "title": texts("texts.check-title"),
        "lede": texts("texts.check-lede"),
        "rows": rows,
        "continue": texts("texts.check-continue"),
        "start_again": texts("texts.start-again"),
        "back": texts("texts.back"),
        "back_href": question_url(last) if last else url_for("questionnaire.start"),
        "notice": _notice(texts, notice),
    }
    context["translation"] = texts.page_status()
    return context


def start_context(q: Questionnaire, texts: Texts, answers: Answers, notice: str | None = None) -> dict:
    way = walk(q.definition, answers)
    keys = ("start-title", "start-lede", "start-what", "start-many", "start-time", "start-privacy", "start-button")
    context: dict = {name.removeprefix("start-"): texts(f"texts.{name}") for name in keys}
    context.update(
        first_href=question_url(q.definition.first.id),
        resume=texts("texts.start-resume") if answers else None,
        resume_link=texts("texts.start-resume-link") if answers else None,
        resume_href=question_url(way.next) if answers else None,
        start_again=texts("texts.start-again"),
        notice=_notice(texts, notice),
    )
    context.update(translation=texts.page_status(), english_href=url_for("questionnaire.start", lang="en"))
    return context


def _block(texts: Texts, outcome_id: str, block: Block) -> dict:
    base = f"outcomes.{outcome_id}"
    if block.bullets is not None:
        return {"kind": "bullets", "items": [texts(f"{base}.{item.key}") for item in block.bullets]}
    text = texts(f"{base}.{block.key}")
    if block.link:
        href = block.link if block.link.startswith("https://") else url_for("pages.home") + block.link.lstrip("/")
        return {"kind": "link", "text": text, "href": href, "external": block.link.startswith("https://")}
    return {"kind": "text", "text": text}


def email_context(texts: Texts, available: bool, error: str | None = None, value: str = "") -> dict:
    """The "Email these results to me" form (shown only when the site can send email)."""
    shown = {name: texts(f"texts.email-{name}") for name in ("title", "label", "hint", "button")}
    error_text = texts(f"texts.{error}") if error else None
    field = {
        "id": "email",
        "name": "email",
        "type": "email",
        "autocomplete": "email",
        "spellcheck": False,
        "value": value,
        "classes": "govuk-!-width-two-thirds",
        "label": {"html": shown["label"].html},
        "hint": {"html": shown["hint"].html},
        "errorMessage": {"html": error_text.html, "visuallyHiddenText": texts("texts.error-prefix").text}
        if error_text
        else None,
    }
    return {
        "available": available,
        "action": url_for("questionnaire.email_results"),
        "field": field,
        "error_summary": {
            "titleHtml": texts("texts.error-summary-title").html,
            "errorList": [{"html": error_text.html, "href": "#email"}],
        }
        if error_text
        else None,
        **shown,
    }


def result_context(
    q: Questionnaire,
    texts: Texts,
    decision: Decision,
    period: Period,
    lang: str,
    email: dict | None = None,
    notice: str | None = None,
) -> dict:
    found: list[ServicesForOutcome] = services_for_outcomes(
        [(chosen.id, q.definition.outcome_by_id[chosen.id].taxonomy) for chosen in decision.outcomes], lang
    )
    services = {entry.outcome_id: entry for entry in found}
    outcomes = []
    for chosen in decision.outcomes:
        outcome = q.definition.outcome_by_id[chosen.id]
        base = f"outcomes.{outcome.id}"
        sources = list(outcome.sources)
        if outcome.id == "carers-allowance":
            sources += period.carers_allowance.sources
        elif outcome.id == "carers-credit":
            sources += period.carers_credit.sources
        outcomes.append(
            {
                "id": outcome.id,
                "title": texts(f"{base}.title"),
                "blocks": [_block(texts, outcome.id, block) for block in outcome.blocks],
                "reasons": [texts(f"{base}.reasons.{key}") for key in chosen.reasons],
                "services": services[outcome.id].services,
                "categories": category_links(outcome.taxonomy, lang),
                "sources": list(dict.fromkeys(sources)),
            }
        )
    headline = decision.headline
    context = {
        "title": texts(f"texts.result-headline-{headline}"),
        "lede": texts(f"texts.result-lede-{headline}"),
        "outcomes": outcomes,
        "t": {
            name: texts(f"texts.result-{name}")
            for name in (
                "not-a-decision",
                "next-steps",
                "why",
                "services",
                "more-services",
                "sources",
                "print",
                "change",
                "start-again",
                "more-information",
                "who-is-a-carer",
                "carers-section",
            )
        },
        "start_again": texts("texts.start-again"),
        "check_href": url_for("questionnaire.check_answers"),
        "who_is_a_carer_href": url_for("pages.page", section="carers", slug="who-is-a-carer"),
        "carers_href": url_for("pages.section", section="carers"),
        "email": email,
        "email_services": texts("texts.email-services"),
        "email_sources": texts("texts.email-sources"),
        "email_footer": texts("texts.email-footer"),
        "sent": {
            "titleHtml": texts("texts.email-sent-title").html,
            "html": texts("texts.email-sent").html,
            "type": "success",
        }
        if notice == "email-sent"
        else None,
        "notice": _notice(texts, notice) if notice and notice != "email-sent" else None,
    }
    context.update(translation=texts.page_status(), english_href=url_for("questionnaire.result", lang="en"))
    return context
