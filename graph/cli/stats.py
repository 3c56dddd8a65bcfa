"""``fazhi stats``: triples per named graph and instances per class."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..load import named_graphs
from .options import data_options, format_option, load_kg

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""


@click.command()
@data_options
@format_option("text", "json")
def stats(data: tuple[Path, ...], no_bundled: bool, fmt: str) -> None:
    """Print triples per named graph and instances per class."""
    kg = load_kg(data, no_bundled)
    graphs = {str(iri): len(kg.dataset.graph(iri)) for iri in named_graphs(kg.dataset)}
    classes = {
        row[0].value: int(row[1].value)
        for row in kg.oxigraph.query(CLASS_COUNTS, use_default_graph_as_union=True)  # type: ignore[union-attr]
    }
    if fmt == "json":
        click.echo(json.dumps({"graphs": graphs, "classes": classes}, ensure_ascii=False, indent=2))
        return
    click.echo("triples per named graph:")
    for iri, count in graphs.items():
        click.echo(f"  {count:>7}  {iri}")
    click.echo(f"  {sum(graphs.values()):>7}  (total)")
    click.echo("instances per class:")
    for iri, count in classes.items():
        click.echo(f"  {count:>7}  {iri}")


COMMANDS = [stats]
