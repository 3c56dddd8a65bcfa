"""The one projection of the RDF dataset into a networkx MultiDiGraph (lookups and exports use it).

Nodes are the resources a researcher links: documents, mechanisms, bodies, observations,
problems, plans, areas, places, activities, platforms, document groups. Literals never become
nodes; they are node attributes. Schema plumbing (types, schemes, units, periods, indicators,
datasets, the report and its sections, paragraphs and sentences) never becomes a node either,
so no path runs "through 2020": what such a resource says about a node is kept as attributes
(``unit_zh``, ``period``, ``indicator_zh`` ...). Edges come only from ``LINK_PREDICATES``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.term import Node

from .linktable import (
    ATTRIBUTE_LINKS,
    LABEL_PREDICATES,
    LINK_PREDICATES,
    LINKS,
    LITERAL_NAMES,
    NODE_CLASSES,
    PLUMBING_CLASSES,
    SKIPPED_LITERALS,
    LinkPredicate,
)
from .namespaces import FZ, curie
from .union import UnionView

INFERRED = "inferred"


def local_name(iri: str | Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").lower()


def python_value(literal: Literal) -> str | int | float | bool | None:
    """A literal as str/int/float/bool; None for NaN. Ill-typed literals keep their lexical form."""
    value = literal.toPython()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        number = float(value)
        return None if number != number else number
    return str(literal)


def _labels(pairs: list[tuple[Node, Node]]) -> dict[str, str]:
    """``{"zh": ..., "en": ...}``: rdfs:label first, else skos:prefLabel (least one if several)."""
    found: dict[str, str] = {}
    for predicate in LABEL_PREDICATES:
        literals = [o for p, o in pairs if p == predicate and isinstance(o, Literal)]
        for obj in sorted(literals, key=str):
            lang = (obj.language or "zh").split("-")[0]
            found.setdefault(lang, str(obj))
    return found


def class_of(types: set[Node]) -> URIRef | None:
    """The node class of a resource (most specific first), or None when it has none."""
    for cls in NODE_CLASSES:
        if cls in types:
            return cls
    return None


def _node_classes(dataset: UnionView, stated: set[tuple[Node, Node, Node]]) -> dict[URIRef, URIRef]:
    """Every resource that is a node, mapped to its class IRI (``rdfs:Resource`` if untyped)."""
    types: dict[Node, set[Node]] = defaultdict(set)
    for subject, obj in dataset.subject_objects(RDF.type):
        types[subject].add(obj)
    nodes: dict[URIRef, URIRef] = {}
    for subject, subject_types in types.items():
        cls = class_of(subject_types)
        if cls is not None and isinstance(subject, URIRef):
            nodes[subject] = cls
    for subject, _, obj in stated:
        for end in (subject, obj):
            if isinstance(end, URIRef) and end not in nodes:
                end_types = types.get(end, set())
                if not end_types & PLUMBING_CLASSES:
                    nodes[end] = min(end_types, key=str) if end_types else RDFS.Resource  # type: ignore[assignment]
    return nodes


class _Labels:
    """Labels of the resources attributes point to (units, periods ...), looked up once each."""

    def __init__(self, dataset: UnionView) -> None:
        self.dataset = dataset
        self.cache: dict[Node, dict[str, str]] = {}

    def __call__(self, subject: Node) -> dict[str, str]:
        if subject not in self.cache:
            self.cache[subject] = _labels(self.dataset.predicate_objects(subject))
        return self.cache[subject]


def _attributes(pairs: list[tuple[Node, Node]], labels: _Labels) -> dict[str, Any]:
    """Literal values and plumbing references of one node, as plain str/int/float/bool values."""
    values: dict[str, set[Any]] = defaultdict(set)
    for predicate, obj in pairs:
        if not isinstance(predicate, URIRef) or predicate in SKIPPED_LITERALS or predicate in LINKS:
            continue
        if isinstance(obj, URIRef) and predicate in ATTRIBUTE_LINKS:
            name = ATTRIBUTE_LINKS[predicate]
            values[name].add(curie(obj))
            for lang, text in labels(obj).items():
                values[f"{name}_{lang}"].add(text)
        elif isinstance(obj, Literal):
            name = LITERAL_NAMES.get(predicate) or snake(local_name(predicate))
            if obj.language:
                name = f"{name}_{obj.language.split('-')[0]}"
            value = python_value(obj)
            if value is not None:
                values[name].add(value)
    attributes: dict[str, Any] = {}
    for name, found in values.items():
        ordered = sorted(found, key=lambda v: (str(type(v)), v))
        if len(ordered) == 1 or not all(isinstance(v, str) for v in ordered):
            attributes[name] = ordered[0]
        else:
            attributes[name] = " | ".join(ordered)
    return attributes


def predicate_labels(dataset: UnionView, link: LinkPredicate) -> tuple[str, str]:
    """The predicate's zh/en rdfs:label from the ontology, else the table's fallback."""
    found = _labels(dataset.predicate_objects(link.iri))
    return found.get("zh", link.label_zh), found.get("en", link.label_en)


def _inferred(dataset: UnionView) -> set[tuple[Node, Node, Node]]:
    """Links the report does not state (fz:InferredLink statements over a link predicate)."""
    found: set[tuple[Node, Node, Node]] = set()
    for statement in dataset.subjects(RDF.type, FZ.InferredLink):
        s = dataset.value(statement, RDF.subject)
        p = dataset.value(statement, RDF.predicate)
        o = dataset.value(statement, RDF.object)
        if s is not None and o is not None and isinstance(p, URIRef) and p in LINKS:
            found.add((s, p, o))
    return found


def project(source: Dataset) -> nx.MultiDiGraph:
    """The linkage projection of ``source`` (see the module docstring)."""
    dataset = UnionView(source)
    graph = nx.MultiDiGraph()
    stated = {(s, p, o) for p in LINKS for s, o in dataset.subject_objects(p)}
    inferred = _inferred(dataset) - stated
    nodes = _node_classes(dataset, stated | inferred)
    labels = _Labels(dataset)
    for iri, cls in nodes.items():
        pairs = dataset.predicate_objects(iri)
        names = _labels(pairs)
        node_id = curie(iri)
        attrs: dict[str, Any] = _attributes(pairs, labels)
        attrs.update(
            iri=str(iri),
            **{"class": local_name(cls)},
            class_iri=str(cls),
            label=names.get("zh") or names.get("en") or node_id,
        )
        attrs.update({f"label_{lang}": names[lang] for lang in ("zh", "en") if lang in names})
        graph.add_node(node_id, **attrs)
    edge_labels = {link.iri: predicate_labels(dataset, link) for link in LINK_PREDICATES}
    for triples, status in ((stated, "reported"), (inferred, INFERRED)):
        for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
            if s in nodes and o in nodes:
                label_zh, label_en = edge_labels[p]  # type: ignore[index]
                graph.add_edge(
                    curie(s),
                    curie(o),
                    key=curie(p),
                    predicate=str(p),
                    predicate_curie=curie(p),
                    label_zh=label_zh,
                    label_en=label_en,
                    assertion_status=status,
                )
    return graph
