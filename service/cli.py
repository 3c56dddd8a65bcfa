"""Commands of the ``fazhi`` CLI that need the HTTP service (loaded via the fazhi.commands entry point)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
