"""`flask` commands: content checks and the rest, registered on the app."""

from __future__ import annotations

from flask import Flask

from app.auth import commands as auth_commands
from app.content import commands as content_commands
from app.directory import commands as directory_commands
from app.plan import commands as plan_commands
from app.purge import purge_command
from app.questionnaire import commands as questionnaire_commands
from app.search import commands as search_commands


def register(app: Flask) -> None:
    app.cli.add_command(content_commands.content)
    app.cli.add_command(directory_commands.directory)
    app.cli.add_command(search_commands.search)
    app.cli.add_command(plan_commands.plan)
    app.cli.add_command(auth_commands.users)
    app.cli.add_command(auth_commands.seed)
    app.cli.add_command(purge_command)
    app.cli.add_command(questionnaire_commands.questionnaire)
