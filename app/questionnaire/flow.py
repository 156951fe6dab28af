"""Moving through a questionnaire: reading an answer from a form, where it leads, and which question is next.

Answers are a mapping of question id to the chosen option values (a tuple: one value for radios). They are
always checked against the definition: a value that is not an option, a question that is not on the reader's
way through, or an answer to a question the reader has not reached yet is never taken.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from app.questionnaire.definition import RESULT, Definition, NextRule, Question

Answers = Mapping[str, tuple[str, ...]]


class AnswerError(ValueError):
    """The form did not hold a possible answer to the question (nothing chosen, or something not offered)."""


def _read_radios(question: Question, values: Sequence[str]) -> tuple[str, ...]:
    chosen = [v for v in dict.fromkeys(values) if v]
    if len(chosen) != 1 or question.option(chosen[0]) is None:
        raise AnswerError(question.id)
    return (chosen[0],)


def _read_checkboxes(question: Question, values: Sequence[str]) -> tuple[str, ...]:
    chosen = {v for v in values if v}
    if not chosen or any(question.option(v) is None for v in chosen):
        raise AnswerError(question.id)
    exclusive = {o.value for o in question.options if o.exclusive}
    if chosen & exclusive and len(chosen) > 1:
        raise AnswerError(question.id)  # "none of these" together with something else
    return tuple(o.value for o in question.options if o.value in chosen)  # in the options' order


# How each question type reads its answer. A new type is added here and in templates/questionnaire/_fields.html.
READERS: dict[str, Callable[[Question, Sequence[str]], tuple[str, ...]]] = {
    "radios": _read_radios,
    "checkboxes": _read_checkboxes,
}


def read_answer(question: Question, values: Sequence[str]) -> tuple[str, ...]:
    """The answer the form values give, or AnswerError."""
    return READERS[question.type](question, values)


def rule_matches(rule: NextRule, answers: Answers) -> bool:
    """A rule matches when, for every question it names, one of the chosen values is among its listed answers."""
    return all(any(v in wanted for v in answers.get(other, ())) for other, wanted in (rule.when or {}).items())


def next_step(question: Question, answers: Answers) -> str:
    """The question id (or RESULT) the answers lead to after `question`."""
    for rule in question.next:
        if rule_matches(rule, answers):
            return rule.goto
    raise LookupError(f"{question.id}: no rule matches")  # the loader makes the last rule match everything


@dataclass(frozen=True)
class Walk:
    """Where the answers so far lead: the questions answered on the way, and the next one (or RESULT)."""

    answered: tuple[str, ...]
    next: str

    @property
    def complete(self) -> bool:
        return self.next == RESULT

    def previous(self, question_id: str) -> str | None:
        """The question before `question_id` on this way, or None for the first."""
        way = [*self.answered, self.next]
        if question_id not in way:
            return None
        index = way.index(question_id)
        return way[index - 1] if index > 0 else None


def walk(definition: Definition, answers: Answers) -> Walk:
    """Follow the rules from the first question while the answers last.

    Only answers on the way count: an answer left from an earlier way (the reader changed their mind) is
    ignored here and dropped by `keep_on_way`.
    """
    answered: list[str] = []
    current = definition.first.id
    while current != RESULT and current in answers and current not in answered:
        answered.append(current)
        current = next_step(definition.by_id[current], answers)
    return Walk(tuple(answered), current)


def keep_on_way(definition: Definition, answers: Answers) -> dict[str, tuple[str, ...]]:
    """The answers on the reader's way through; the rest are forgotten."""
    way = walk(definition, answers)
    return {qid: tuple(answers[qid]) for qid in way.answered}


def may_answer(definition: Definition, answers: Answers, question_id: str) -> bool:
    """A reader may see or answer a question that is on their way: answered already, or the next one."""
    way = walk(definition, answers)
    return question_id in way.answered or question_id == way.next


def clean(definition: Definition, stored: object) -> dict[str, tuple[str, ...]]:
    """Answers read back from the session, keeping only well-formed answers to real questions.

    Answers off the reader's current way are kept (a changed answer may lead back to them, and they are shown
    for checking when it does) but never count: `walk` ignores them, and the result reads `keep_on_way`."""
    if not isinstance(stored, Mapping):
        return {}
    answers = {}
    for qid, values in stored.items():
        question = definition.by_id.get(qid) if isinstance(qid, str) else None
        if question is None or not isinstance(values, list | tuple):
            continue
        try:
            answers[qid] = read_answer(question, [v for v in values if isinstance(v, str)])
        except AnswerError:
            continue
    return answers
