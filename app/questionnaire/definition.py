"""A questionnaire as data: the schema of content/questionnaires/<id>.yaml, its loader and its checks.

The file holds the questions, the rules that lead from one question to the next, and every word shown, in
English; translations are separate files keyed by the same text keys (app/questionnaire/texts.py). The loader
validates the shape with pydantic, then checks what a schema cannot: ids and references, placeholders, and
every way through the questions (app/questionnaire/paths.py). A bad file stops the app from starting, as a bad
taxonomy does, and the tests say exactly what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{([a-z0-9_-]+)\}")
RESULT = "result"  # the `goto` that ends the questions
QUESTION_TYPES = ("radios", "checkboxes")  # app/questionnaire/flow.py reads each; templates render each
# Placeholders the site fills in (besides {phone_<name>} for each entry of `phones`).
RULE_PLACEHOLDERS = frozenset(
    {
        "ca_weekly_rate",
        "ca_earnings_limit",
        "ca_min_hours",
        "ca_min_age",
        "ca_study_hours",
        "cc_min_hours",
        "cc_min_age",
        "rules_from",
        "today",
        "site",
    }
)


class DefinitionError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Option(_Strict):
    value: str
    label: str
    hint: str | None = None
    exclusive: bool = False  # checkboxes: an answer like "none of these", never combined with the others
    means: str | None = None  # what the option stands for, where the result depends on it
    min: int | None = None  # a band of numbers (hours, years), inclusive
    max: int | None = None


class NextRule(_Strict):
    when: dict[str, list[str]] | None = Field(default=None, alias="if")
    goto: str


class Question(_Strict):
    id: str
    topic: str | None = None
    type: Literal["radios", "checkboxes"]
    title: str
    hint: str | None = None
    summary: str  # the question in a few words, on the check-your-answers page
    error: str  # shown when no answer (or no possible answer) was chosen
    options: list[Option]
    next: list[NextRule]

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class BulletItem(_Strict):
    key: str
    text: str


class Block(_Strict):
    """One part of an outcome: a paragraph (`text`), a link (`link` and `text`) or a list (`bullets`)."""

    key: str
    text: str | None = None
    link: str | None = None  # a page of this site ("/carers/who-is-a-carer") or an https address
    bullets: list[BulletItem] | None = None

    @model_validator(mode="after")
    def one_kind(self) -> Block:
        if self.bullets is not None:
            if self.text is not None or self.link is not None or not self.bullets:
                raise ValueError("a list block has `bullets` only")
        elif self.text is None:
            raise ValueError("a block needs `text` (and `link` for a link), or `bullets`")
        return self

    @property
    def kind(self) -> str:
        return "bullets" if self.bullets is not None else "link" if self.link else "text"


class Outcome(_Strict):
    id: str
    taxonomy: list[str]  # term slugs in content/taxonomy.yaml: the directory categories it lists services from
    sources: list[str]
    title: str
    blocks: list[Block]
    reasons: dict[str, str] = {}  # why it may apply: app/questionnaire/outcomes.py picks them by key


class DefinitionFile(_Strict):
    id: str
    require_translations: bool
    phones: dict[str, str] = {}
    texts: dict[str, str]
    questions: list[Question]
    outcomes: list[Outcome]


@dataclass(frozen=True)
class Definition:
    """A loaded, checked questionnaire."""

    id: str
    require_translations: bool
    phones: dict[str, str]
    texts: dict[str, str]
    questions: list[Question]
    outcomes: list[Outcome]
    by_id: dict[str, Question] = field(default_factory=dict)
    by_topic: dict[str, Question] = field(default_factory=dict)
    outcome_by_id: dict[str, Outcome] = field(default_factory=dict)

    @property
    def first(self) -> Question:
        return self.questions[0]

    def english_texts(self) -> dict[str, str]:
        """Every text, by its key: the keys translations use (`texts.start-title`, `questions.hours.title`...)."""
        return dict(iter_texts(self))


def iter_texts(definition: Definition | DefinitionFile) -> Iterator[tuple[str, str]]:
    for key, text in definition.texts.items():
        yield f"texts.{key}", text
    for q in definition.questions:
        base = f"questions.{q.id}"
        yield f"{base}.title", q.title
        if q.hint:
            yield f"{base}.hint", q.hint
        yield f"{base}.summary", q.summary
        yield f"{base}.error", q.error
        for o in q.options:
            yield f"{base}.options.{o.value}.label", o.label
            if o.hint:
                yield f"{base}.options.{o.value}.hint", o.hint
    for outcome in definition.outcomes:
        base = f"outcomes.{outcome.id}"
        yield f"{base}.title", outcome.title
        for block in outcome.blocks:
            if block.text is not None:
                yield f"{base}.{block.key}", block.text
            for item in block.bullets or []:
                yield f"{base}.{item.key}", item.text
        for key, text in outcome.reasons.items():
            yield f"{base}.reasons.{key}", text


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def allowed_placeholders(phones: dict[str, str]) -> frozenset[str]:
    return RULE_PLACEHOLDERS | {f"phone_{name}" for name in phones}


def _check(data: DefinitionFile) -> list[str]:
    """What the schema cannot say: ids, references and placeholders. Paths are checked separately."""
    errors: list[str] = []
    ids = [q.id for q in data.questions]
    if not KEBAB.match(data.id):
        errors.append(f"id {data.id!r} must be lower-case words joined by hyphens")
    if not data.questions:
        errors.append("there are no questions")
    for name in [*ids, *(o.id for o in data.outcomes), *data.phones]:
        if not KEBAB.match(name):
            errors.append(f"{name!r}: ids and names are lower-case words joined by hyphens")
    for dupes, what in ((ids, "question id"), ([o.id for o in data.outcomes], "outcome id")):
        for name in sorted({n for n in dupes if dupes.count(n) > 1}):
            errors.append(f"{what} {name!r} is used twice")
    if RESULT in ids:
        errors.append(f"{RESULT!r} cannot be a question id: it is where the questions end")
    topics = [q.topic for q in data.questions if q.topic]
    for topic in sorted({t for t in topics if topics.count(t) > 1}):
        errors.append(f"topic {topic!r} is given to more than one question")
    known = {q.id: q for q in data.questions}
    for q in data.questions:
        errors += _check_question(q, known)
    for outcome in data.outcomes:
        keys = [b.key for b in outcome.blocks] + [i.key for b in outcome.blocks for i in b.bullets or []]
        for key in sorted({k for k in keys if keys.count(k) > 1} | {"title", "reasons"} & set(keys)):
            errors.append(f"outcome {outcome.id}: text key {key!r} is used twice or is reserved")
        for block in outcome.blocks:
            if block.link and not (block.link.startswith("https://") or re.match(r"^/[a-z0-9/-]+$", block.link)):
                errors.append(f"outcome {outcome.id}: link {block.link!r} must be https://… or a /section/page")
        if not outcome.sources:
            errors.append(f"outcome {outcome.id}: give its sources")
    allowed = allowed_placeholders(data.phones)
    for key, text in iter_texts(data):
        unknown = placeholders(text) - allowed
        if unknown:
            errors.append(f"{key}: unknown placeholder(s) {sorted(unknown)}; the site fills in {sorted(allowed)}")
    return errors


def _check_question(q: Question, known: dict[str, Question]) -> list[str]:
    errors = []
    values = [o.value for o in q.options]
    if len(values) < 2:
        errors.append(f"{q.id}: a question needs at least two options")
    for value in sorted({v for v in values if values.count(v) > 1}):
        errors.append(f"{q.id}: option {value!r} is used twice")
    for option in q.options:
        if not KEBAB.match(option.value):
            errors.append(f"{q.id}: option value {option.value!r} must be lower-case words joined by hyphens")
        if option.exclusive and q.type != "checkboxes":
            errors.append(f"{q.id}: only checkboxes have an exclusive option")
        if option.min is not None and option.max is not None and option.min > option.max:
            errors.append(f"{q.id}: option {option.value!r} has min above max")
    exclusive = [o.exclusive for o in q.options]
    if any(exclusive) and exclusive != sorted(exclusive):
        errors.append(f"{q.id}: exclusive options come last (after the divider)")
    if not q.next:
        errors.append(f"{q.id}: no `next` rule: where do people go after it?")
    elif q.next[-1].when is not None:
        errors.append(f"{q.id}: the last `next` rule must have no `if`, so that every answer leads somewhere")
    for position, rule in enumerate(q.next, start=1):
        if rule.goto != RESULT and rule.goto not in known:
            errors.append(f"{q.id}: rule {position} goes to {rule.goto!r}, which is not a question or {RESULT!r}")
        if rule.when is None and position < len(q.next):
            errors.append(f"{q.id}: rule {position} has no `if`, so the rules after it are never used")
        for other, answers in (rule.when or {}).items():
            target = known.get(other)
            if target is None:
                errors.append(f"{q.id}: rule {position} asks about {other!r}, which is not a question")
                continue
            for value in answers:
                if target.option(value) is None:
                    errors.append(f"{q.id}: rule {position}: {value!r} is not an answer to {other!r}")
    return errors


def load_definition(path: Path) -> Definition:
    try:
        data = DefinitionFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "\n".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DefinitionError(f"{path}:\n{problems}") from None
    errors = _check(data)
    if errors:
        raise DefinitionError(f"{path}:\n" + "\n".join(errors))
    definition = Definition(
        id=data.id,
        require_translations=data.require_translations,
        phones=dict(data.phones),
        texts=dict(data.texts),
        questions=list(data.questions),
        outcomes=list(data.outcomes),
        by_id={q.id: q for q in data.questions},
        by_topic={q.topic: q for q in data.questions if q.topic},
        outcome_by_id={o.id: o for o in data.outcomes},
    )
    from app.questionnaire.paths import path_problems  # the path check walks a loaded definition

    errors = path_problems(definition)
    if errors:
        raise DefinitionError(f"{path}:\n" + "\n".join(errors))
    return definition
