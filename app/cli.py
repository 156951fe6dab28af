"""`flask` commands: content checks and the rest, registered on the app."""

from __future__ import annotations

from flask import Flask

from app.content import commands as content_commands


def register(app: Flask) -> None:
    app.cli.add_command(content_commands.content)
