"""What the staff home page lists: the signed-in person's roles, and the tasks those roles allow.

Each feature adds its staff pages with `add_task` when its views are imported, so the home page grows
with the site and shows each person only what they can open.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.auth.accounts import grant_names
from app.auth.models import User


@dataclass(frozen=True)
class StaffTask:
    endpoint: str
    title: LazyString
    description: LazyString
    role: str


TASKS: list[StaffTask] = []


def add_task(task: StaffTask) -> None:
    if task.endpoint not in {t.endpoint for t in TASKS}:
        TASKS.append(task)


@dataclass(frozen=True)
class TaskLink:
    href: str
    title: str
    description: str


def home_context(user: User) -> dict:
    tasks = [
        TaskLink(url_for(task.endpoint), str(task.title), str(task.description))
        for task in TASKS
        if user.has_role(task.role)
    ]
    return {"role_names": grant_names(user), "tasks": tasks}


add_task(
    StaffTask(
        "admin.accounts_list",
        _l("Staff accounts"),
        _l("Add people, change their roles, deactivate accounts and set passwords."),
        "admin",
    )
)
add_task(StaffTask("admin.audit", _l("Audit log"), _l("Who changed what, and when."), "admin"))
