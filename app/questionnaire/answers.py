"""The reader's answers, kept only in their session (the signed session cookie), never on the server.

Nothing here names or identifies the reader, and nothing is written to the database: the answers live in the
browser until it closes, until "Start again", or until they have not been used for QUESTIONNAIRE_IDLE_MINUTES
(then they are cleared and the reader is told why). The state also remembers whether this set of answers has
been counted for the Board's statistics (once per set) and a one-off notice for the next page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import current_app, session

from app.questionnaire.definition import Definition
from app.questionnaire.flow import clean


@dataclass
class State:
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    counted: bool = False  # this set of answers reached the result and was counted
    notice: str | None = None  # a `texts` key to show once
    had_answers: bool = False  # the session held answers (even if they have just expired)

    @property
    def started(self) -> bool:
        return bool(self.answers)


def _key(definition: Definition) -> str:
    return f"questionnaire:{definition.id}"


def _idle_seconds() -> float:
    return float(current_app.config["QUESTIONNAIRE_IDLE_MINUTES"]) * 60


def load(definition: Definition) -> State:
    """The answers in the session, checked against the definition; expired answers are cleared."""
    stored = session.get(_key(definition))
    if not isinstance(stored, dict):
        return State()
    seen = stored.get("seen")
    notice = stored.get("notice") if isinstance(stored.get("notice"), str) else None
    if not isinstance(seen, int | float) or time.time() - seen > _idle_seconds():
        session.pop(_key(definition), None)
        return State(notice="notice-expired" if stored.get("answers") else notice, had_answers=True)
    answers = clean(definition, stored.get("answers"))
    return State(answers, bool(stored.get("counted")), notice, had_answers=bool(answers))


def save(definition: Definition, state: State) -> None:
    session[_key(definition)] = {
        "answers": {qid: list(values) for qid, values in state.answers.items()},
        "counted": state.counted,
        "notice": state.notice,
        "seen": int(time.time()),
    }


def take_notice(definition: Definition, state: State) -> str | None:
    """The one-off notice, forgotten once shown."""
    notice, state.notice = state.notice, None
    if notice and _key(definition) in session:
        save(definition, state)
    return notice


def clear(definition: Definition, notice: str | None = None) -> None:
    session[_key(definition)] = {"answers": {}, "counted": False, "notice": notice, "seen": int(time.time())}
