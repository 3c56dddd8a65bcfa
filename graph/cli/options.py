"""Options shared by the commands that read the graph, and how every command fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

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


def fail(exc: FazhiError) -> NoReturn:
    """Exit with the error's ``exit_code`` (2 for bad input such as a file that won't load),
    its message and any suggestions or candidates on stderr, and no traceback."""
    lines = [f"error: {exc.message}"]
    for key in ("suggestions", "candidates"):
        for item in exc.details.get(key, []):
            lines.append(f"  {key[:-1]}: {item['id']}  {item.get('label', '')}")
    click.echo("\n".join(lines), err=True)
    click.get_current_context().exit(exc.exit_code)


def load_kg(data: tuple[Path, ...], no_bundled: bool) -> KnowledgeGraph:
    """Load the graph, or :func:`fail` (exit 2 with the loader's message on stderr)."""
    try:
        return KnowledgeGraph.load(data, bundled=not no_bundled)
    except FazhiError as exc:
        fail(exc)


def format_option(*choices: str, default: str | None = None) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format.",
    )
