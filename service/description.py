"""SPARQL 1.1 Service Description (at ``GET /sparql``) and VoID (at ``/.well-known/void``).

Both are generated from the loaded graphs (counts come from the query engine, once per graph
version) and serialized with rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph
from flask import Blueprint, Response, current_app, make_response, request, url_for
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.kg import KnowledgeGraph
from graph.namespaces import FZ, PREFIXES, SD, VOID, bind
from graph.query import run
from graph.query.formats import GRAPH_FORMATS, RESULT_FORMATS

from .negotiate import choose, wants_html
from .state import EXTENSION, current_kg

bp = Blueprint("description", __name__)

FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
# rdflib's serializer name for each entry of GRAPH_FORMATS.
RDFLIB_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "rdfxml": "xml",
    "jsonld": "json-ld",
    "trig": "trig",
    "nq": "nquads",
}
# The W3C format IRI for each entry of RESULT_FORMATS and GRAPH_FORMATS.
FORMAT_IRIS = {
    "json": FORMATS.SPARQL_Results_JSON,
    "xml": FORMATS.SPARQL_Results_XML,
    "csv": FORMATS.SPARQL_Results_CSV,
    "tsv": FORMATS.SPARQL_Results_TSV,
    "ttl": FORMATS.Turtle,
    "nt": FORMATS["N-Triples"],
    "rdfxml": FORMATS.RDF_XML,
    "jsonld": FORMATS["JSON-LD"],
    "trig": FORMATS.TriG,
    "nq": FORMATS["N-Quads"],
}
TITLE = {
    "zh": "法治政府建设知识图谱",
    "en": "Knowledge graph of law-based government building reports",
}

STATS = """
SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
       (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?c) AS ?classes)
WHERE { GRAPH ?g { ?s ?p ?o BIND(IF(?p = rdf:type, ?o, 1/0) AS ?c) } }
GROUP BY ?g ORDER BY ?g
"""
PREDICATES = "SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class GraphStats:
    iri: str
    triples: int
    subjects: int
    properties: int
    classes: int
    vocabularies: tuple[str, ...]


def _rows(kg: KnowledgeGraph, query: str) -> list[dict[str, Any]]:
    from .sparql import limits

    prologue = f"PREFIX rdf: <{PREFIXES['rdf']}>\n"
    result = run(kg, prologue + query, limits=limits())
    solutions = result.solutions()
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def _vocabulary(predicate: str) -> str | None:
    """The project-known namespace a predicate belongs to (VoID's void:vocabulary)."""
    matches = [ns for ns in PREFIXES.values() if predicate.startswith(ns)]
    return max(matches, key=len) if matches else None


def graph_stats(kg: KnowledgeGraph) -> list[GraphStats]:
    """Counts per named graph, cached per graph version."""
    cache = current_app.extensions[EXTENSION].setdefault("description", {})
    if cache.get("version") != kg.version:
        vocabularies: dict[str, set[str]] = {}
        for row in _rows(kg, PREDICATES):
            vocab = _vocabulary(row["p"])
            if vocab:
                vocabularies.setdefault(row["g"], set()).add(vocab)
        stats = [
            GraphStats(
                row["g"],
                int(row["triples"]),
                int(row["subjects"]),
                int(row["properties"]),
                int(row["classes"]),
                tuple(sorted(vocabularies.get(row["g"], ()))),
            )
            for row in _rows(kg, STATS)
        ]
        cache.update(version=kg.version, stats=stats)
    result: list[GraphStats] = cache["stats"]
    return result


def _endpoint() -> URIRef:
    return URIRef(url_for("sparql.sparql", _external=True))


def _describe_graph(g: Graph, node: URIRef | BNode, stats: GraphStats) -> None:
    g.add((node, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((node, VOID.distinctSubjects, Literal(stats.subjects, datatype=XSD.integer)))
    g.add((node, VOID.properties, Literal(stats.properties, datatype=XSD.integer)))
    g.add((node, VOID.classes, Literal(stats.classes, datatype=XSD.integer)))


def service_description(kg: KnowledgeGraph) -> Graph:
    g = bind(Graph())
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    endpoint = _endpoint()
    g.add((endpoint, RDF.type, SD.Service))
    g.add((endpoint, SD.endpoint, endpoint))
    g.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((endpoint, SD.feature, SD.UnionDefaultGraph))
    g.add((endpoint, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for name in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((endpoint, SD.resultFormat, FORMAT_IRIS[name]))
    for lang, title in TITLE.items():
        g.add((endpoint, DCTERMS.title, Literal(title, lang=lang)))
    dataset, default = BNode(), BNode()
    g.add((endpoint, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    stats = graph_stats(kg)
    g.add((default, VOID.triples, Literal(sum(s.triples for s in stats), datatype=XSD.integer)))
    for item in stats:
        named, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(item.iri)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        _describe_graph(g, graph, item)
    return g


def void_description(kg: KnowledgeGraph) -> Graph:
    g = bind(Graph())
    g.bind("void", VOID)
    endpoint = _endpoint()
    root = URIRef(url_for("description.void", _external=True) + "#dataset")
    g.add((root, RDF.type, VOID.Dataset))
    for lang, title in TITLE.items():
        g.add((root, DCTERMS.title, Literal(title, lang=lang)))
    g.add((root, VOID.sparqlEndpoint, endpoint))
    g.add((root, VOID.uriSpace, Literal(PREFIXES["fzid"])))
    g.add((root, VOID.vocabulary, URIRef(str(FZ._NS))))
    stats = graph_stats(kg)
    g.add((root, VOID.triples, Literal(sum(s.triples for s in stats), datatype=XSD.integer)))
    for item in stats:
        node = URIRef(item.iri)
        g.add((root, VOID.subset, node))
        g.add((node, RDF.type, VOID.Dataset))
        g.add((node, VOID.sparqlEndpoint, endpoint))
        _describe_graph(g, node, item)
        for vocab in item.vocabularies:
            g.add((node, VOID.vocabulary, URIRef(vocab)))
    return g


def rdf_response(graph: Graph, fmt: str) -> Response:
    """``graph`` serialized by rdflib as the GRAPH_FORMATS entry ``fmt``."""
    body = graph.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
    media_type = GRAPH_FORMATS[fmt].media_type
    response = make_response(body)
    response.headers["Content-Type"] = (
        f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
    )
    response.headers["Vary"] = "Accept"
    return response


def description_response(format_param: str | None = None) -> Response:
    """``GET /sparql`` without a query: the query UI for browsers, else the description
    (in ``format_param`` when given: a GRAPH_FORMATS name or media type)."""
    accept = request.accept_mimetypes
    if not format_param and wants_html(accept, GRAPH_FORMATS):
        try:
            from .ui import render_query_ui
        except ImportError:  # the UI area is not installed: describe the service instead
            return rdf_response(service_description(current_kg()), "ttl")
        return render_query_ui()
    fmt = choose(GRAPH_FORMATS, accept, format_param)
    return rdf_response(service_description(current_kg()), fmt.name)


@bp.get("/.well-known/void")
def void() -> Response:
    fmt = choose(GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
    return rdf_response(void_description(current_kg()), fmt.name)
