"""The ``fazhi`` command: one click group; each area adds its commands in its own module."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

import click

from .. import __version__

# Modules under graph/cli/ that define a ``COMMANDS`` list of click commands.
COMMAND_MODULES = ("stats", "ingest", "linkage", "query", "export", "store", "validate")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fazhi")
def main() -> None:
    """fazhi-kg: the knowledge graph of law-based government building reports (法治政府建设)."""


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for command in module.COMMANDS:
            main.add_command(command)
    # Commands that need the HTTP service (``fazhi serve``) come from the service package,
    # so this package never imports Flask itself.
    for entry in entry_points(group="fazhi.commands"):
        for command in entry.load():
            main.add_command(command)


_register()
