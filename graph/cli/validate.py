"""``fazhi validate``: SHACL-validate the bundled graph or the given files.

Exit status: 0 when the graph conforms (warnings and infos are printed but do not fail),
1 when there are violations (the report goes to stdout), 2 when a file does not load.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from ..errors import LoadError
from ..kg import KnowledgeGraph
from ..validate import ValidationReport, ValidationResult, validate
from .options import fail, format_option
from .table import iri_cell


def _curie(iri: str | None) -> str:
    """A display CURIE (``fzid:org/yanji-court``), ``<iri>`` outside our namespaces; literals
    as they are. SPARQL paths (``<a> / <b>``) get each of their IRIs shortened."""
    if iri is None:
        return ""
    if iri.startswith("<"):
        return re.sub(r"<([^>]*)>", lambda m: _curie(m.group(1)), iri)
    return iri_cell(iri) if "://" in iri else iri


def _line(result: ValidationResult, lang: str) -> str:
    where = _curie(result.focus)
    if result.path:
        where += f" {_curie(result.path)}"
    if result.value is not None:
        where += f" = {_curie(result.value)}"
    shape = _curie(result.source_shape)
    return f"{result.severity:<9} {shape}  {where}\n          {result.message(lang)}"


def render_text(report: ValidationReport, lang: str) -> str:
    counts = ", ".join(
        f"{report.count(s)} {s.lower()}(s)" for s in ("Violation", "Warning", "Info")
    )
    if lang == "zh":
        head = "符合约束" if report.conforms else "不符合约束"
    else:
        head = "conforms" if report.conforms else "does not conform"
    lines = [f"{head}: {counts}"]
    lines += [_line(r, lang) for r in report.results]
    return "\n".join(lines)


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@format_option("text", "turtle", "json")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Language of the messages in text output.",
)
def validate_command(paths: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Validate PATHS (default: the bundled graph) against the SHACL shapes.

    Each file is validated as one report graph, merged with the ontology. Exit status 0 when
    it conforms, 1 when there are violations, 2 when a file does not load.
    """
    try:
        kg = KnowledgeGraph.load(paths, bundled=not paths)
        report = validate(kg.dataset)
    except LoadError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "turtle":
        click.echo(report.to_turtle())
    else:
        click.echo(render_text(report, lang))
    raise click.exceptions.Exit(0 if report.conforms else 1)


COMMANDS = [validate_command]
