"""Load the starting data `make db` loads (every `flask … seed` command), so crawls and browsers see the site as
a reader would: a page that only exists when there is data (a service) is then reachable and checked too."""

from __future__ import annotations

import click


def seed_commands(app) -> list[list[str]]:
    """`seed`, and `<group> seed` for every command group that has one, as the app registers them."""
    found = []
    for name, command in sorted(app.cli.commands.items()):
        if name == "seed":
            found.append([name])
        elif isinstance(command, click.Group) and "seed" in command.commands:
            found.append([name, "seed"])
    return found


def seed(app) -> None:
    runner = app.test_cli_runner()
    for args in seed_commands(app):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, f"flask {' '.join(args)} failed:\n{result.output}\n{result.exception!r}"
