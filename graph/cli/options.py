"""Options shared by the commands that read the graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import FazhiError
from ..kg import KnowledgeGraph


def data_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--data FILE`` (repeatable) and ``--no-bundled``: what graph the command works on."""
    func = click.option(
        "--no-bundled",
        is_flag=True,
        help="Leave out the bundled reports (the ontology is always loaded).",
    )(func)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="RDF file to add (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD); repeatable.",
    )(func)


def load_kg(data: tuple[Path, ...], no_bundled: bool) -> KnowledgeGraph:
    """Load the graph or exit 2 with the loader's message on stderr (no traceback)."""
    try:
        return KnowledgeGraph.load(data, bundled=not no_bundled)
    except FazhiError as exc:
        raise click.ClickException(exc.message) from exc


def format_option(*choices: str, default: str | None = None) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format.",
    )
