"""``fazhi load`` and ``fazhi dump``: fill a persistent store offline, and write it back out."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph as ox
from tqdm import tqdm

from .. import paths
from ..errors import FazhiError, LoadError
from ..kg import KnowledgeGraph
from ..load import ONTOLOGY_GRAPH, report_graph_iri
from ..namespaces import PREFIXES
from ..store import STORE_HELP, Backend, open_backend
from ..store.local import DiskBackend
from ..store.rdf import DUMP_FORMATS, graph_key, sorted_nquads
from ..writes import Unprocessable, validate_graphs
from .options import data_options, fail

SUFFIXES = {
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}

store_option = click.option(
    "--store",
    "spec",
    envvar="FAZHI_STORE",
    default="memory",
    show_default=True,
    help=f"The store ({STORE_HELP}); default: $FAZHI_STORE.",
)


def _graph_iri(graph: str) -> str:
    return graph if ":" in graph else str(report_graph_iri(graph))


def _format(path: Path) -> ox.RdfFormat:
    fmt = SUFFIXES.get(path.suffix.lower()) or ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if fmt is None:
        raise LoadError(f"{path}: unknown RDF format (use .ttl, .trig, .nt, .nq, .rdf, .jsonld)")
    return fmt


def _read(path: Path, graph: str | None) -> dict[str, list[ox.Triple]]:
    """The triples of one file, by target graph (quad formats name their own graphs)."""
    fmt = _format(path)
    default = graph or str(report_graph_iri(path.stem))
    found: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(path=path, format=fmt, rename_blank_nodes=True):
            key = (
                default
                if isinstance(quad.graph_name, ox.DefaultGraph)
                else graph_key(quad.graph_name)
            )
            found.setdefault(key, []).append(quad.triple)
    except (SyntaxError, ValueError, OSError) as exc:
        raise LoadError(f"{path}: does not load: {exc}") from exc
    return found


def _stream(backend: DiskBackend, sources: list[tuple[Path, str | None]]) -> int:
    """Unvalidated bulk load straight from the files (big trusted dumps): graphs replaced."""
    targets: set[str] = set()
    for path, into in sources:
        targets.add(into or str(report_graph_iri(path.stem)))
        if _format(path).supports_datasets:
            quads = ox.parse(path=path, format=_format(path), lenient=True)
            targets |= {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    with backend.write_lock():
        store = backend.writer()
        for key in targets:
            store.remove_graph(ox.NamedNode(key))
        for path, into in tqdm(sources, desc="loading", unit="file", file=sys.stderr):
            target = ox.NamedNode(into or str(report_graph_iri(path.stem)))
            try:
                store.bulk_load(path=path, format=_format(path), to_graph=target)
            except (SyntaxError, ValueError, OSError) as exc:
                raise LoadError(f"{path}: does not load: {exc}") from exc
        backend.committed()
    return len(targets)


def _write(backend: Backend, graphs: dict[str, list[ox.Triple]]) -> None:
    total = sum(len(t) for t in graphs.values())
    with tqdm(total=total, unit="triple", desc="loading", file=sys.stderr) as bar:
        if isinstance(backend, DiskBackend):
            # Readers are shielded by the lock and their snapshots: bulk-load graph by graph.
            with backend.write_lock():
                store = backend.writer()
                for key, triples in graphs.items():
                    name = ox.NamedNode(key)
                    store.remove_graph(name)
                    store.bulk_extend(
                        ox.Quad(t.subject, t.predicate, t.object, name) for t in triples
                    )
                    bar.update(len(triples))
                backend.committed()
            return
        for key, triples in graphs.items():
            backend.replace({key: triples})
            bar.update(len(triples))


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", help="Graph to load the files into: a report id (yanji-2020) or an IRI.")
@click.option("--bundled", is_flag=True, help="Also load the ontology and the bundled reports.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (trusted bulk data only).")
@store_option
def load(
    files: tuple[Path, ...], graph: str | None, bundled: bool, no_validate: bool, spec: str
) -> None:
    """Load RDF files into a persistent store, one named graph each, validating each first.

    A graph that is loaded replaces the graph of the same name. Nothing is written unless
    every graph conforms to the shapes (exit 1 with the report otherwise).
    """
    if spec == "memory":
        raise click.UsageError("load needs a persistent store: --store oxigraph:PATH or sparql:...")
    target = _graph_iri(graph) if graph else None
    graphs: dict[str, list[ox.Triple]] = {}
    sources: list[tuple[Path, str | None]] = []
    if bundled:
        sources += [(p, str(ONTOLOGY_GRAPH)) for p in paths.ontology_files()]
        sources += [(p, None) for p in paths.report_files()]
    sources += [(p, target) for p in files]
    backend = open_backend(spec)
    if no_validate and isinstance(backend, DiskBackend):
        try:
            count = _stream(backend, sources)
        except FazhiError as exc:
            fail(exc)
        click.echo(f"loaded {len(sources)} files into {count} graphs", err=True)
        return
    try:
        for path, into in tqdm(sources, desc="reading", unit="file", file=sys.stderr):
            for key, triples in _read(path, into).items():
                graphs.setdefault(key, []).extend(triples)
        if not no_validate:
            checked = {k: v for k, v in graphs.items() if k != str(ONTOLOGY_GRAPH)}
            for key in tqdm(sorted(checked), desc="validating", unit="graph", file=sys.stderr):
                validate_graphs({key: checked[key]})
        _write(backend, graphs)
    except Unprocessable as exc:
        click.echo(exc.details.get("report_turtle", ""))
        click.echo(exc.message, err=True)
        sys.exit(1)
    except FazhiError as exc:
        fail(exc)
    click.echo(
        f"loaded {sum(map(len, graphs.values()))} triples into {len(graphs)} graphs", err=True
    )


@click.command()
@click.option("--graph", help="Only this graph: a report id (yanji-2020) or an IRI.")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(DUMP_FORMATS)), default="trig", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (default: stdout).",
)
@store_option
@data_options
def dump(
    graph: str | None,
    fmt: str,
    output: Path | None,
    spec: str,
    data: tuple[Path, ...],
    no_bundled: bool,
) -> None:
    """Write the store (or one graph) as TriG or N-Quads (N-Quads lines sorted: diffable)."""
    try:
        kg = KnowledgeGraph.open(spec, data, bundled=not no_bundled)
        keys = [_graph_iri(graph)] if graph else None
        quads = list(kg.store.quads(keys))
    except FazhiError as exc:
        fail(exc)
    if DUMP_FORMATS[fmt] == ox.RdfFormat.N_QUADS:
        body = sorted_nquads(quads)
    else:
        body = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(body)


COMMANDS = [load, dump]
