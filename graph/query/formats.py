"""The one table of result formats and the one table of graph formats.

The HTTP content negotiation, the ``format`` parameter, the CLI's ``--format`` choices and the
README all read these two tables. Every format is written by pyoxigraph's own serializers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph


@dataclass(frozen=True)
class Format:
    name: str  # the value of the ``format`` parameter
    media_type: str  # what the response's Content-Type says
    aliases: tuple[str, ...]  # other media types a client may ask for
    label: str
    # Other ``format`` values meaning this one: clients such as SPARQLWrapper send format=xml
    # or format=json whatever the query form, meaning RDF/XML or JSON-LD for a graph.
    names: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


# SELECT and ASK results.
RESULT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/sparql-results+json", ("application/json",), "SPARQL JSON"),
        Format(
            "xml",
            "application/sparql-results+xml",
            ("application/xml", "text/xml"),
            "SPARQL XML",
        ),
        Format("csv", "text/csv", (), "SPARQL CSV"),
        Format("tsv", "text/tab-separated-values", (), "SPARQL TSV"),
    )
}

# CONSTRUCT and DESCRIBE results (and every RDF response of the service).
GRAPH_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ttl", "text/turtle", ("application/x-turtle",), "Turtle", ("turtle",)),
        Format("nt", "application/n-triples", ("text/plain",), "N-Triples", ("ntriples",)),
        Format(
            "rdfxml",
            "application/rdf+xml",
            ("application/xml", "text/xml"),
            "RDF/XML",
            ("xml", "rdf"),
        ),
        Format("jsonld", "application/ld+json", ("application/json",), "JSON-LD", ("json",)),
        Format("trig", "application/trig", (), "TriG"),
        Format("nq", "application/n-quads", (), "N-Quads", ("nquads",)),
    )
}

_OX_RESULTS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
}
_OX_GRAPHS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
}
# Lossless formats the worker hands back when the caller names none. CSV is lossy, and so
# is Oxigraph's TSV (it writes xsd:nonNegativeInteger values as bare integers).
NATIVE = {"select": "json", "ask": "json", "graph": "nt"}
PARSEABLE_RESULTS = frozenset({"json", "xml"})


def formats_for(kind: str) -> dict[str, Format]:
    return GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS


def results_format(name: str) -> pyoxigraph.QueryResultsFormat:
    return _OX_RESULTS[name]


def rdf_format(name: str) -> pyoxigraph.RdfFormat:
    return _OX_GRAPHS[name]
