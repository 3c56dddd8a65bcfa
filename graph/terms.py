"""Moving RDF terms and quads between pyoxigraph and rdflib without a serialize/parse round trip."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import BadRequest

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib_term(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise BadRequest(f"unsupported RDF term {term!r}")


def to_ox_term(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise BadRequest(f"unsupported RDF term {term!r}")


def add_quads(dataset: Dataset, quads: Iterable[ox.Quad]) -> None:
    """Add pyoxigraph ``quads`` to ``dataset``, each into its named graph (or the default graph)."""
    graphs: dict[Any, Graph] = {}
    for quad in quads:
        name = quad.graph_name
        if name not in graphs:
            identifier: Any = (
                dataset.default_graph.identifier
                if isinstance(name, ox.DefaultGraph)
                else to_rdflib_term(name)
            )
            graphs[name] = dataset.graph(identifier)
        triple = (
            to_rdflib_term(quad.subject),
            to_rdflib_term(quad.predicate),
            to_rdflib_term(quad.object),
        )
        graphs[name].add(triple)
