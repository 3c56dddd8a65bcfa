"""The RDF of a selection, as Turtle, JSON-LD (inline context) and N-Triples.

The selection's RDF is every triple of the dataset whose subject is a selected node and whose
object is a literal or another selected node, plus each selected node's ``rdf:type``s: the
labels (both languages), attributes and links the property-graph exports show, as RDF.
Turtle and N-Triples are written by Oxigraph (rdflib's Turtle writer takes minutes on a
1,000-report graph); JSON-LD is written here, compacted against the project prefixes.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from ..namespaces import PREFIXES, curie
from ..terms import to_ox_term
from .context import ExportContext

Triple = tuple[Node, Node, Node]
# Instance IRIs have "/" in their local part, which Turtle must escape (fzid:org\/x); they
# read better in full, as rdflib writes them too.
TURTLE_SKIP = frozenset({"fzid"})
# Above this many selected nodes one pass over the dataset beats a lookup per node.
SCAN_FROM = 2000


def selection_triples(ctx: ExportContext) -> list[Triple]:
    """The selection's triples, sorted, without duplicates (a fact stated in two graphs)."""
    iris = {URIRef(str(ctx.graph.nodes[n].get("iri", n))) for n in ctx.graph.nodes}
    found: set[Triple] = set()

    def keep(s: Node, p: Node, o: Node) -> None:
        if isinstance(o, Literal) or o in iris or p == RDF.type:
            found.add((s, p, o))

    # quads(), not triples(): rdflib 7.6's Dataset.triples warns about default_context.
    if len(iris) >= SCAN_FROM:
        for s, p, o, _graph in ctx.dataset.quads((None, None, None, None)):
            if s in iris:
                keep(s, p, o)
        ctx.tick(len(iris))
    else:
        for subject in iris:
            for _, p, o, _graph in ctx.dataset.quads((subject, None, None, None)):
                keep(subject, p, o)
            ctx.tick()
    return sorted(found, key=lambda t: (str(t[0]), str(t[1]), _order(t[2])))


def _order(term: Node) -> tuple[str, str]:
    if isinstance(term, Literal):
        return (str(term), term.language or str(term.datatype or ""))
    return (str(term), "")


def used_prefixes(triples: list[Triple]) -> dict[str, str]:
    """The project prefixes that some IRI (or datatype) of ``triples`` starts with."""
    seen: set[str] = set()
    used: dict[str, str] = {}
    for triple in triples:
        for term in triple:
            iri = str(term.datatype) if isinstance(term, Literal) and term.datatype else str(term)
            if term == RDF.type:  # written "a" / "@type"
                continue
            if isinstance(term, URIRef | Literal) and iri not in seen:
                seen.add(iri)
                short = curie(iri)
                if short != iri:
                    prefix = short.partition(":")[0]
                    used[prefix] = PREFIXES[prefix]
    return dict(sorted(used.items()))


def write_ttl(ctx: ExportContext) -> bytes:
    triples = selection_triples(ctx)
    prefixes = {p: ns for p, ns in used_prefixes(triples).items() if p not in TURTLE_SKIP}
    return _serialize(triples, ox.RdfFormat.TURTLE, prefixes)


def write_nt(ctx: ExportContext) -> bytes:
    return _serialize(selection_triples(ctx), ox.RdfFormat.N_TRIPLES, {})


def _serialize(triples: list[Triple], fmt: ox.RdfFormat, prefixes: dict[str, str]) -> bytes:
    data = ox.serialize(
        [ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in triples],
        format=fmt,
        prefixes=prefixes,
    )
    assert data is not None  # no output file given, so Oxigraph returns the bytes
    return data


# ---------------------------------------------------------------- JSON-LD
# Not Oxigraph's writer: pyoxigraph 0.5.13 keeps language tags and writes Chinese as
# characters, but ignores ``prefixes`` (and ``base_iri``) for JSON-LD and writes expanded
# JSON-LD, a bare array with every IRI in full and no ``@context``; the format promises an
# inline context of the project prefixes. Switch once its output has the context.


def write_jsonld(ctx: ExportContext) -> bytes:
    triples = selection_triples(ctx)
    context = used_prefixes(triples)
    nodes = []
    for subject, group in groupby(triples, key=lambda t: t[0]):
        node: dict[str, Any] = {"@id": _compact(subject, context)}
        for predicate, values in groupby(group, key=lambda t: t[1]):
            objects = [t[2] for t in values]
            if predicate == RDF.type:
                node["@type"] = [_compact(o, context) for o in objects if isinstance(o, URIRef)]
                objects = [o for o in objects if not isinstance(o, URIRef)]
                if not objects:
                    continue
            node[_compact(predicate, context)] = [_value(o, context) for o in objects]
        nodes.append(node)
    doc = {"@context": context, "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _compact(term: Node, context: dict[str, str]) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    text = curie(str(term))
    return text if text.partition(":")[0] in context else str(term)


def _value(term: Node, context: dict[str, str]) -> dict[str, str]:
    if isinstance(term, Literal):
        value = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype:
            value["@type"] = _compact(term.datatype, context)
        return value
    return {"@id": _compact(term, context)}
