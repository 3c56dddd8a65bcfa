"""One resource's card: labels, class, attributes, links grouped by predicate, source sentences."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..kg import KnowledgeGraph
from ..namespaces import FZ, NIF, curie
from ..union import UnionView
from .view import MAX_NODES, require_node, summary

# Attributes shown apart from the rest (the card's header).
HEADER = ("iri", "class", "class_iri", "label", "label_zh", "label_en")


def links(
    graph: nx.MultiDiGraph, node: str, direction: str, limit: int = MAX_NODES
) -> list[dict[str, Any]]:
    """Links of ``node`` grouped by predicate: ``out`` (node is subject) or ``in`` (object).

    Each group lists at most ``limit`` resources and says how many there are in all.
    """
    edges = (
        graph.out_edges(node, keys=True, data=True)
        if direction == "out"
        else (graph.in_edges(node, keys=True, data=True))
    )
    groups: dict[str, dict[str, Any]] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for u, v, key, data in edges:
        other = v if direction == "out" else u
        groups.setdefault(
            key,
            {
                "predicate": data["predicate"],
                "predicate_curie": key,
                "label_zh": data["label_zh"],
                "label_en": data["label_en"],
            },
        )
        members[key].append(other)
    result = []
    for key in sorted(groups):
        others = sorted(set(members[key]))
        result.append(
            {
                **groups[key],
                "count": len(others),
                "capped": len(others) > limit,
                "resources": [summary(graph, n) for n in others[:limit]],
            }
        )
    return result


def sentences(kg: KnowledgeGraph, iri: URIRef) -> list[dict[str, Any]]:
    """The report sentences the resource was taken from (prov:wasDerivedFrom), verbatim."""
    dataset = UnionView(kg.dataset)
    found = []
    for sentence in sorted(set(dataset.objects(iri, PROV.wasDerivedFrom)), key=str):
        text = dataset.value(sentence, NIF.anchorOf)
        if text is None:
            continue
        entry: dict[str, Any] = {"id": curie(sentence), "iri": str(sentence), "text": str(text)}
        for key, predicate in (("begin", NIF.beginIndex), ("end", NIF.endIndex)):
            value = dataset.value(sentence, predicate)
            if isinstance(value, Literal):
                entry[key] = int(value)
        paragraph = dataset.value(sentence, DCTERMS.isPartOf)
        if paragraph is not None:
            entry["paragraph"] = curie(paragraph)
            number = dataset.value(paragraph, FZ.paragraphNumber)
            if isinstance(number, Literal):
                entry["paragraph_number"] = int(number)
        found.append(entry)
    return sorted(found, key=lambda e: (e.get("begin", 0), e["id"]))


def alt_labels(kg: KnowledgeGraph, iri: URIRef) -> list[str]:
    return sorted({str(o) for o in UnionView(kg.dataset).objects(iri, SKOS.altLabel)})


def entity(kg: KnowledgeGraph, node: str, *, limit: int = MAX_NODES) -> dict[str, Any]:
    """Everything the graph says about ``node`` (a node id; see ``resolve`` for labels)."""
    graph = kg.projection()
    require_node(graph, node)
    data = graph.nodes[node]
    iri = URIRef(data["iri"])
    return {
        "id": node,
        **{key: data[key] for key in HEADER if key in data},
        "alt_labels": alt_labels(kg, iri),
        "attributes": {k: v for k, v in sorted(data.items()) if k not in HEADER},
        "outgoing": links(graph, node, "out", limit),
        "incoming": links(graph, node, "in", limit),
        "sentences": sentences(kg, iri),
    }
