"""``fazhi query``: run a SPARQL query on the graph, with the endpoint's checks and limits."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph

from ..errors import FazhiError
from ..query import Limits, QueryResult, run, shutdown
from ..query.formats import GRAPH_FORMATS, RESULT_FORMATS
from .options import data_options, fail, load_kg
from .table import iri_cell, table

CHOICES = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)
# What "table" and the result-only names mean for a CONSTRUCT/DESCRIBE query.
GRAPH_FALLBACK = {"table": "ttl", "json": "jsonld"}


def _short(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return iri_cell(term.value)
    if isinstance(term, pyoxigraph.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def render_table(result: QueryResult) -> str:
    """SELECT results as an aligned text table."""
    solutions = result.solutions()
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = [[_short(row[name]).replace("\n", " ") for name in names] for row in solutions]
    text = table(names, rows)
    return f"{text}\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.endswith(".rq") and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8")
    return text


@click.command()
@click.argument("query")
@data_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHOICES),
    default="table",
    show_default=True,
    help="Output format: a text table, or any format of the SPARQL endpoint.",
)
@click.option(
    "--timeout",
    type=float,
    default=Limits.timeout,
    show_default=True,
    help="Seconds before the query is stopped.",
)
@click.option(
    "--max-rows",
    type=int,
    default=Limits.max_rows,
    show_default=True,
    help="Most rows (or triples) printed.",
)
def query(
    query: str, data: tuple[Path, ...], no_bundled: bool, fmt: str, timeout: float, max_rows: int
) -> None:
    """Run QUERY (SPARQL text, a .rq file, or - for stdin) on the graph.

    The same checks and limits as the /sparql endpoint: SERVICE and updates are refused, the
    default graph is the union of every loaded graph, evaluation stops at --timeout.
    """
    kg = load_kg(data, no_bundled)
    text = _read_query(query)
    limits = Limits(timeout=timeout, max_rows=max_rows, max_triples=max_rows, workers=1)
    try:
        result = run(kg, text, limits=limits)
        if result.kind == "graph":
            name = GRAPH_FALLBACK.get(fmt, fmt)
            if name not in GRAPH_FORMATS:
                raise click.UsageError(f"--format {fmt} does not apply to a graph result")
            output = result.serialize(name).decode("utf-8")
        elif fmt == "table":
            output = render_table(result) if result.kind == "select" else result.body.decode()
            if result.kind == "ask":
                output = "true" if b"true" in result.body else "false"
        elif fmt in RESULT_FORMATS:
            output = result.serialize(fmt).decode("utf-8")
        else:
            raise click.UsageError(f"--format {fmt} does not apply to a {result.kind} result")
    except FazhiError as exc:
        fail(exc)
    finally:
        shutdown()
    click.echo(output.rstrip("\n"))
    if result.truncated:
        click.echo(f"(truncated at {max_rows}; use --max-rows)", err=True)


COMMANDS = [query]
