"""Build the dataset: the ontology in one named graph, each report in its own named graph."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax import SAXParseException

import pyoxigraph
from pyparsing import ParseBaseException
from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.util import guess_format

from . import paths
from .errors import LoadError
from .namespaces import FZID, bind
from .terms import add_quads

ONTOLOGY_GRAPH = URIRef(f"{FZID}graph/ontology")

# Formats that carry their own graph names; everything else is one graph per file.
QUAD_FORMATS = {"trig": pyoxigraph.RdfFormat.TRIG, "nquads": pyoxigraph.RdfFormat.N_QUADS}
# What the parsers raise for a file that is not what its name says: rdflib's Turtle/N3
# (BadSyntax), N-Triples (ParserError), RDF/XML (SAXParseException), JSON-LD (ValueError, incl.
# json.JSONDecodeError), any text (UnicodeDecodeError, a ValueError), pyoxigraph (SyntaxError);
# OSError for a file that cannot be read. Anything else is a bug, not a bad file.
PARSE_ERRORS = (
    BadSyntax,
    ParserError,
    SAXParseException,
    ParseBaseException,
    SyntaxError,
    ValueError,
    OSError,
)
# File suffixes rdflib's guess_format does not know, mapped to parser names.
EXTRA_SUFFIXES = {".jsonld": "json-ld", ".json": "json-ld", ".nq": "nquads", ".rdf": "xml"}


def report_graph_iri(report_id: str) -> URIRef:
    """The named graph that holds one report's facts, e.g. ``fzid:graph/yanji-2020``."""
    return URIRef(f"{FZID}graph/{report_id}")


def rdf_format(path: Path) -> str:
    fmt = EXTRA_SUFFIXES.get(path.suffix.lower()) or guess_format(str(path))
    if fmt is None:
        raise LoadError(f"{path}: unknown RDF format (use .ttl, .trig, .nt, .nq, .rdf, .jsonld)")
    return fmt


def parse_into(dataset: Dataset, path: Path, graph_iri: URIRef | None = None) -> None:
    """Parse ``path`` into ``dataset``; triples go to ``graph_iri`` (default: from its name)."""
    fmt = rdf_format(path)
    try:
        if fmt in QUAD_FORMATS:
            # rdflib's quad parsers go through deprecated Dataset internals; Oxigraph's don't.
            add_quads(dataset, pyoxigraph.parse(path=path, format=QUAD_FORMATS[fmt]))
        else:
            target = dataset.graph(graph_iri or report_graph_iri(path.stem))
            target.parse(path, format=fmt)
    except FileNotFoundError as exc:
        raise LoadError(f"{path}: no such file") from exc
    except PARSE_ERRORS as exc:
        raise LoadError(f"{path}: does not parse as {fmt}: {exc}") from exc


def ontology_graph() -> Graph:
    """The TBox and concept schemes alone, as one graph (for validation and documentation)."""
    graph = bind(Graph(identifier=ONTOLOGY_GRAPH))
    for path in paths.ontology_files():
        try:
            graph.parse(path, format="turtle")
        except PARSE_ERRORS as exc:
            raise LoadError(f"{path}: does not parse as turtle: {exc}") from exc
    return graph


def load_dataset(extra: Iterable[Path] = (), *, bundled: bool = True) -> Dataset:
    """The ontology graph, the bundled reports (unless ``bundled=False``), then ``extra`` files.

    The default graph of the returned dataset is the union of its named graphs, so a plain
    query sees every report.
    """
    dataset = bind(Dataset(default_union=True))
    target = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology_graph():
        target.add(triple)
    if bundled:
        for path in paths.report_files():
            parse_into(dataset, path)
    for path in extra:
        parse_into(dataset, Path(path))
    return dataset


def named_graphs(dataset: Dataset) -> list[URIRef]:
    """The non-empty named graphs, ontology first, then reports in IRI order."""
    names = {
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef)
        and len(g) > 0
        and g.identifier != dataset.default_graph.identifier
    }
    return sorted(names, key=lambda iri: (iri != ONTOLOGY_GRAPH, str(iri)))
