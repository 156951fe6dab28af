"""Every way through a questionnaire, worked out from its rules, and what is wrong with them.

A way (a "path") is the sequence of questions someone is asked, with answers that lead along it. Answers to a
question matter for the route only where some rule names them, so the options of each question fall into
classes that every rule treats alike; one answer from each class is enough to find every path. The walk checks
that every path ends in the result, that no rule asks about a question not yet asked on that path, that no path
loops, that every question is reached and that every rule is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.questionnaire.definition import RESULT, Definition, Question
from app.questionnaire.flow import rule_matches


@dataclass(frozen=True)
class Path:
    steps: tuple[tuple[str, tuple[str, ...]], ...]  # (question id, an answer that takes this way)

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(qid for qid, _ in self.steps)

    @property
    def answers(self) -> dict[str, tuple[str, ...]]:
        return dict(self.steps)

    def __str__(self) -> str:
        return " → ".join([*(f"{qid}={'+'.join(values)}" for qid, values in self.steps), RESULT])


def answer_classes(definition: Definition, question: Question) -> list[tuple[str, ...]]:
    """One answer per class of options that every rule treats alike (singles: rules match any chosen value)."""
    conditions = [
        set(rule.when[question.id])
        for q in definition.questions
        for rule in q.next
        if rule.when and question.id in rule.when
    ]
    seen: dict[tuple[bool, ...], tuple[str, ...]] = {}
    for option in question.options:
        signature = tuple(option.value in wanted for wanted in conditions)
        seen.setdefault(signature, (option.value,))
    return list(seen.values())


@dataclass
class _Walker:
    definition: Definition
    paths: list[Path]
    problems: list[str]
    reached: set[str]
    used_rules: set[tuple[str, int]]

    def go(self, current: str, steps: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        if current == RESULT:
            self.paths.append(Path(steps))
            return
        asked = [qid for qid, _ in steps]
        if current in asked:
            self.problems.append(f"loop: {' → '.join([*asked, current])}")
            return
        self.reached.add(current)
        question = self.definition.by_id[current]
        for answer in answer_classes(self.definition, question):
            taken = (*steps, (current, answer))
            answers = dict(taken)
            goto = None
            for position, rule in enumerate(question.next, start=1):
                unasked = [other for other in rule.when or {} if other not in answers]
                if unasked:
                    self.problems.append(
                        f"{current}: rule {position} asks about {unasked} before it is asked on the way "
                        f"{' → '.join(q for q, _ in taken)}"
                    )
                    break
                if rule_matches(rule, answers):
                    self.used_rules.add((current, position))
                    goto = rule.goto
                    break
            if goto is None:
                if not any("before it is asked" in p for p in self.problems):
                    self.problems.append(f"dead end: no rule of {current!r} matches {answer}")
                continue
            self.go(goto, taken)


def walk_all(definition: Definition) -> tuple[list[Path], list[str]]:
    """Every path from the first question, and the problems found on the way."""
    walker = _Walker(definition, [], [], set(), set())
    walker.go(definition.first.id, ())
    problems = list(dict.fromkeys(walker.problems))
    for question in definition.questions:
        if question.id not in walker.reached:
            problems.append(f"unreachable: no way through the questions leads to {question.id!r}")
            continue
        for position, rule in enumerate(question.next, start=1):
            if (question.id, position) not in walker.used_rules:
                problems.append(f"{question.id}: rule {position} (goto {rule.goto}) is never used")
    return walker.paths, problems


def path_problems(definition: Definition) -> list[str]:
    return walk_all(definition)[1]


def all_paths(definition: Definition) -> list[Path]:
    return walk_all(definition)[0]
