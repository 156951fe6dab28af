"""The questionnaires the site runs, loaded once per process from content/questionnaires/.

Each is its definition (questions, rules between them, English words), its translations and the dated benefit
rules its result applies. Everything is checked on loading: a questionnaire that cannot be run stops the app
from starting, as a bad taxonomy does, rather than failing in front of a reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from app.questionnaire.definition import Definition, DefinitionError, load_definition
from app.questionnaire.outcomes import topic_problems
from app.questionnaire.rules import BenefitRules, load_rules
from app.questionnaire.texts import Catalog, load_catalog

AM_I_A_CARER = "am-i-a-carer"
RULES_FILE = "benefit-rules.yaml"

# The `texts` keys the pages use (templates and app/questionnaire/pages.py): each must be in the English file.
PAGE_TEXTS = (
    "start-title",
    "start-lede",
    "start-what",
    "start-many",
    "start-time",
    "start-privacy",
    "start-button",
    "start-resume",
    "start-resume-link",
    "back",
    "continue",
    "or",
    "error-summary-title",
    "error-prefix",
    "start-again",
    "notice-title",
    "notice-skipped",
    "notice-incomplete",
    "notice-expired",
    "notice-form-expired",
    "notice-cleared",
    "check-title",
    "check-lede",
    "change",
    "check-continue",
    "result-not-a-decision",
    "result-next-steps",
    "result-why",
    "result-services",
    "result-more-services",
    "result-sources",
    "result-print",
    "result-change",
    "result-start-again",
    "result-more-information",
    "result-who-is-a-carer",
    "result-carers-section",
    "email-title",
    "email-label",
    "email-hint",
    "email-button",
    "email-missing",
    "email-invalid",
    "email-failed",
    "email-sent-title",
    "email-sent",
    "email-subject",
    "email-footer",
    "email-services",
    "email-sources",
    *(
        f"result-{part}-{kind}"
        for kind in ("carer", "young-carer", "not-a-carer", "paid")
        for part in ("headline", "lede")
    ),
)


@dataclass(frozen=True)
class Questionnaire:
    definition: Definition
    catalog: Catalog
    rules: BenefitRules


def questionnaires_dir(content_dir: Path) -> Path:
    return content_dir / "questionnaires"


def load_questionnaire(directory: Path, name: str, languages: list[str], default_lang: str) -> Questionnaire:
    definition = load_definition(directory / f"{name}.yaml")
    rules = load_rules(directory / RULES_FILE)
    problems = topic_problems(definition, rules)
    problems += [f"texts: {key!r} is missing (the pages use it)" for key in PAGE_TEXTS if key not in definition.texts]
    if problems:
        raise DefinitionError(f"{directory / name}.yaml:\n" + "\n".join(problems))
    catalog = load_catalog(definition, directory, languages, default_lang)
    return Questionnaire(definition, catalog, rules)


def init_app(app: Flask) -> None:
    directory = questionnaires_dir(Path(app.config["CONTENT_DIR"]))
    languages = list(app.extensions["site_languages"])
    app.extensions["questionnaires"] = {
        AM_I_A_CARER: load_questionnaire(directory, AM_I_A_CARER, languages, app.config["DEFAULT_LANGUAGE"])
    }


def get(name: str = AM_I_A_CARER) -> Questionnaire:
    return current_app.extensions["questionnaires"][name]
