"""Linked Data: the service answers for its own IRIs.

``/id/<path>`` → ``fzid:<path>``, ``/concept/<name>`` → ``fzc:<name>``, ``/ontology`` → the
ontology (``fz:`` terms are hash IRIs, so ``/ontology#Mechanism`` arrives as ``/ontology``),
``/ontology/<term>`` → ``fz:<term>``. Content negotiation gives the resource's description in
any GRAPH_FORMATS format (its triples out and in, the labels of its neighbours and the text of
its source sentences), or an HTML page for a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Blueprint, Response, make_response, redirect, render_template, request
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.errors import NotFound
from graph.load import ONTOLOGY_GRAPH
from graph.namespaces import FZ, FZC, FZID, NIF, ONTOLOGY_IRI, PREFIXES, curie
from graph.query import run
from graph.query.formats import GRAPH_FORMATS

from .description import rdf_response
from .negotiate import choose, wants_html
from .params import page_lang
from .sparql import TRUNCATED_HEADER, limits
from .state import current_kg

bp = Blueprint("resources", __name__)

# Characters a local IRI path may hold here; anything else cannot be one of our IRIs, and
# this also keeps the IRI safe to write into the describe query.
LOCAL_PATH = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")
LABELS = (RDFS.label, SKOS.prefLabel)
WEB_IRI = re.compile(r"https?://", re.IGNORECASE)
PROV_DERIVED = URIRef(PREFIXES["prov"] + "wasDerivedFrom")
HTML_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

DESCRIBE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
CONSTRUCT {
  ?r ?p ?o . ?o ?ol ?olabel . ?p rdfs:label ?plabel .
  ?s ?q ?r . ?s ?sl ?slabel . ?q rdfs:label ?qlabel .
  ?sentence nif:anchorOf ?text .
} WHERE {
  VALUES ?r { <IRI> }
  { ?r ?p ?o
    OPTIONAL { ?o ?ol ?olabel FILTER(?ol IN (rdfs:label, skos:prefLabel)) }
    OPTIONAL { ?p rdfs:label ?plabel } }
  UNION
  { ?s ?q ?r
    OPTIONAL { ?s ?sl ?slabel FILTER(?sl IN (rdfs:label, skos:prefLabel)) }
    OPTIONAL { ?q rdfs:label ?qlabel } }
  UNION
  { ?r prov:wasDerivedFrom ?sentence . ?sentence nif:anchorOf ?text }
}
"""


def local_href(iri: str) -> str | None:
    """The path under which this service answers for ``iri``, or None for outside IRIs."""
    root = request.script_root
    for base, prefix in ((str(FZID), "/id/"), (str(FZC), "/concept/")):
        if iri.startswith(base) and LOCAL_PATH.fullmatch(iri[len(base) :]):
            return f"{root}{prefix}{iri[len(base) :]}"
    if iri == str(ONTOLOGY_IRI) or iri.startswith(str(FZ._NS)):
        return f"{root}/ontology" + (f"#{iri[len(str(FZ._NS)) :]}" if "#" in iri else "")
    return None


def href(iri: str) -> str | None:
    """Where a page links ``iri``: our own path, the IRI itself if it is http(s), else nowhere
    (a javascript: or data: IRI written into the graph must not become a link)."""
    return local_href(iri) or (iri if WEB_IRI.match(iri) else None)


def _labels(graph: Graph, node: Node) -> dict[str, str]:
    labels: dict[str, str] = {}
    for predicate in LABELS:
        for value in graph.objects(node, predicate):
            if isinstance(value, Literal) and value.language in ("zh", "en"):
                labels.setdefault(value.language, str(value))
    return labels


@dataclass
class Term:
    """One node or literal as the page shows it."""

    text: str
    href: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    datatype: str | None = None


@dataclass
class Page:
    iri: str
    curie: str
    labels: dict[str, str]
    types: list[Term]
    out: list[tuple[Term, Term]]
    incoming: list[tuple[Term, Term]]
    sources: list[tuple[Term, str]]
    truncated: bool


def _term(graph: Graph, node: Node) -> Term:
    if isinstance(node, Literal):
        datatype = curie(str(node.datatype)) if node.datatype else None
        return Term(str(node), lang=node.language, datatype=datatype)
    iri = str(node)
    return Term(curie(iri), href(iri), _labels(graph, node))


def page_model(iri: str, graph: Graph, truncated: bool) -> Page:
    node = URIRef(iri)
    out = [
        (_term(graph, p), _term(graph, o))
        for p, o in sorted(graph.predicate_objects(node), key=str)
        if p not in LABELS and p != RDF.type
    ]
    incoming = [
        (_term(graph, s), _term(graph, p))
        for s, p in sorted(graph.subject_predicates(node), key=str)
    ]
    sources = [
        (_term(graph, s), str(text))
        for s in sorted(graph.objects(node, PROV_DERIVED), key=str)
        for text in graph.objects(s, NIF.anchorOf)
    ]
    return Page(
        iri=iri,
        curie=curie(iri),
        labels=_labels(graph, node),
        types=[_term(graph, t) for t in sorted(graph.objects(node, RDF.type), key=str)],
        out=out,
        incoming=incoming,
        sources=sources,
        truncated=truncated,
    )


def html_response(template: str, **context: object) -> Response:
    response = make_response(render_template(template, lang=page_lang(), **context))
    response.headers["Content-Security-Policy"] = HTML_CSP
    response.headers["Vary"] = "Accept"
    return response


def describe(iri: str) -> Response:
    """The resource's description by content negotiation; 404 when the graph never names it."""
    accept = request.accept_mimetypes
    html = wants_html(accept, GRAPH_FORMATS) and "format" not in request.args
    fmt = None if html else choose(GRAPH_FORMATS, accept, request.args.get("format")).name
    result = run(current_kg(), DESCRIBE.replace("IRI", iri), limits=limits())
    if not result.body.strip():
        raise NotFound(f"no resource <{iri}> in the graph")
    if fmt is not None:
        response = make_response(result.serialize(fmt))
        media_type = GRAPH_FORMATS[fmt].media_type
        if media_type.startswith("text/"):
            media_type += "; charset=utf-8"
        response.headers["Content-Type"] = media_type
        response.headers["Vary"] = "Accept"
        if result.truncated:
            response.headers[TRUNCATED_HEADER] = "true"
        return response
    graph = Graph().parse(data=result.serialize("nt"), format="nt")
    return html_response(
        "resource.html", page="resource", res=page_model(iri, graph, result.truncated)
    )


def _checked(base: str, path: str) -> str:
    if not LOCAL_PATH.fullmatch(path):
        raise NotFound(f"no resource {base}{path} in the graph")
    return base + path


@bp.get("/id/<path:path>")
def instance(path: str) -> Response:
    return describe(_checked(str(FZID), path))


@bp.get("/concept/<path:name>")
def concept(name: str) -> Response:
    return describe(_checked(str(FZC), name))


@dataclass
class Entry:
    """A class or property on the ontology page."""

    name: str
    labels: dict[str, str]
    definitions: dict[str, str]
    links: list[tuple[str, Term]]


ONTOLOGY_KINDS = (
    ("classes", OWL.Class, ("类", "Classes")),
    ("object", OWL.ObjectProperty, ("对象属性", "Object properties")),
    ("datatype", OWL.DatatypeProperty, ("数据属性", "Datatype properties")),
)
ENTRY_LINKS = (
    (RDFS.subClassOf, "subClassOf"),
    (RDFS.subPropertyOf, "subPropertyOf"),
    (RDFS.domain, "domain"),
    (RDFS.range, "range"),
)


def _by_lang(values: Iterable[Node]) -> dict[str, str]:
    return {
        v.language: str(v) for v in values if isinstance(v, Literal) and v.language in ("zh", "en")
    }


def ontology_sections(graph: Graph) -> list[tuple[str, tuple[str, str], list[Entry]]]:
    sections = []
    ns = str(FZ._NS)
    for key, rdf_type, titles in ONTOLOGY_KINDS:
        entries = []
        for term in sorted(graph.subjects(RDF.type, rdf_type), key=str):
            if not str(term).startswith(ns):
                continue
            links = [
                (name, _term(graph, o)) for p, name in ENTRY_LINKS for o in graph.objects(term, p)
            ]
            entries.append(
                Entry(
                    str(term)[len(ns) :],
                    _by_lang(graph.objects(term, RDFS.label)),
                    _by_lang(graph.objects(term, SKOS.definition)),
                    links,
                )
            )
        sections.append((key, titles, entries))
    return sections


@bp.get("/ontology")
def ontology() -> Response:
    graph = current_kg().dataset.graph(ONTOLOGY_GRAPH)
    if wants_html(request.accept_mimetypes, GRAPH_FORMATS) and "format" not in request.args:
        header = _by_lang(graph.objects(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/title")))
        return html_response(
            "ontology.html",
            page="ontology",
            iri=str(ONTOLOGY_IRI),
            titles=header,
            sections=ontology_sections(graph),
        )
    fmt = choose(GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
    return rdf_response(graph, fmt.name)


@bp.get("/ontology/<path:name>")
def ontology_term(name: str) -> Response:
    if not LOCAL_PATH.fullmatch(name):
        raise NotFound(f"no term {name} in the ontology")
    if wants_html(request.accept_mimetypes, GRAPH_FORMATS) and "format" not in request.args:
        return redirect(f"{request.script_root}/ontology#{name}", code=303)  # type: ignore[return-value]
    return describe(str(FZ._NS) + name)
