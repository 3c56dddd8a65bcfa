"""``fazhi ingest``: draft the structural layer of a report graph from its text file."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..errors import LoadError
from ..ingest import render
from .options import fail

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@click.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "report_id", required=True, help="Report id, e.g. yanji-2020 (a slug).")
@click.option("--title", default=None, help="The report's title in Chinese (rdfs:label @zh).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the Turtle here instead of standard output.",
)
def ingest(source: Path, report_id: str, title: str | None, output: Path | None) -> None:
    """Draft Turtle for SOURCE: report, sections, paragraphs and sentences with offsets.

    The draft holds structure only; the facts are curated by hand on top of it.
    """
    if not SLUG.fullmatch(report_id):
        raise click.BadParameter("must be a slug like yanji-2020", param_hint="--id")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        fail(LoadError(f"{source}: not UTF-8 text ({exc})"))
    turtle = render(report_id, text, source=source.as_posix(), title=title)
    if output is None:
        click.echo(turtle)
    else:
        output.write_text(turtle + "\n", encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


COMMANDS = [ingest]
