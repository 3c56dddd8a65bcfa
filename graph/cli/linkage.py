"""``fazhi search``, ``fazhi linkage`` and ``fazhi paths``: policy-linkage lookups in a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .. import linkage as lk
from ..errors import FazhiError
from .options import data_options, fail, format_option, load_kg
from .table import table


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.argument("text")
@click.option("--class", "classes", multiple=True, help="Keep this class only (repeatable).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@data_options
@format_option("text", "json")
def search(
    text: str,
    classes: tuple[str, ...],
    limit: int,
    data: tuple[Path, ...],
    no_bundled: bool,
    fmt: str,
) -> None:
    """Find resources by zh or en label (exact, then prefix, then substring matches)."""
    kg = load_kg(data, no_bundled)
    try:
        results = lk.search(kg, text, classes or None, limit)
    except FazhiError as exc:
        fail(exc)
    if fmt == "json":
        emit_json(results)
        return
    rows = [(r["id"], r["class"], r["label"], r.get("label_en", ""), r["match"]) for r in results]
    click.echo(table(("id", "class", "label", "label_en", "match"), rows))


@click.command("linkage")
@click.argument("identifier", metavar="ID")
@data_options
@format_option("text", "json")
def linkage_command(identifier: str, data: tuple[Path, ...], no_bundled: bool, fmt: str) -> None:
    """Show how one resource (CURIE, IRI or exact label) is linked, section by section."""
    kg = load_kg(data, no_bundled)
    try:
        result = lk.linkage(kg, lk.resolve(kg, identifier))
    except FazhiError as exc:
        fail(exc)
    if fmt == "json":
        emit_json(result)
        return
    entity = result["entity"]
    click.echo(f"{entity['label']}  ({entity['class']}, {entity['id']})  [{result['kind']}]")
    for section in result["sections"]:
        click.echo(f"\n{section['label_zh']} / {section['label_en']} ({section['count']})")
        rows = [
            (i["id"], i["class"], i["label"], i.get("stated_as", i.get("value", "")))
            for i in section["items"]
        ]
        click.echo(table(("id", "class", "label", "figure"), rows))


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--max-length", default=4, show_default=True, type=int, help="Links per path, at most."
)
@click.option("-k", "k", default=5, show_default=True, type=int, help="How many paths.")
@data_options
@format_option("text", "json")
def paths(
    source: str,
    target: str,
    max_length: int,
    k: int,
    data: tuple[Path, ...],
    no_bundled: bool,
    fmt: str,
) -> None:
    """The shortest paths between two resources, each step in its real direction."""
    kg = load_kg(data, no_bundled)
    try:
        result = lk.paths(kg, lk.resolve(kg, source), lk.resolve(kg, target), max_length, k)
    except FazhiError as exc:
        fail(exc)
    if fmt == "json":
        emit_json(result.to_json(kg.projection()))
        return
    if not result.paths:
        click.echo(f"no path of at most {result.max_length} links")
    rows = [(n + 1, p["length"], p["text_zh"]) for n, p in enumerate(result.paths)]
    click.echo(table(("#", "length", "path"), rows))
    for n, path in enumerate(result.paths):
        click.echo(f"{n + 1}. {path['text_en']}")
    if result.capped or result.hubs:
        hubs = ", ".join(result.hubs)
        click.echo(f"(search capped: {result.capped}; hubs not walked through: {hubs or 'none'})")


COMMANDS = [search, linkage_command, paths]
