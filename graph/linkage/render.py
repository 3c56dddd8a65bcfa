"""Edges and paths as JSON, each path also as one readable sentence in zh and in en.

A step read against its edge's direction uses the predicate's inverse phrasing:
府院联动 —由…确立→ 《关于建立府院联动机制的工作规则》 —印发→ 市人民法院.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx
from rdflib import URIRef

from ..linktable import LINK_PREDICATES, LINKS
from ..namespaces import expand
from .view import summary

_ORDER = {p.iri: i for i, p in enumerate(LINK_PREDICATES)}


def edge_json(graph: nx.MultiDiGraph, u: str, v: str, key: str) -> dict[str, Any]:
    data = graph.edges[u, v, key]
    return {
        "source": u,
        "target": v,
        "predicate": data["predicate"],
        "predicate_curie": key,
        "label_zh": data["label_zh"],
        "label_en": data["label_en"],
        "assertion_status": data.get("assertion_status", "reported"),
    }


def _step(graph: nx.MultiDiGraph, u: str, v: str) -> dict[str, Any]:
    """One step of a path in its real direction: stated before inferred, forward before inverse."""
    options = [(0, k, u, v) for k in graph.get_edge_data(u, v, default={})]
    options += [(1, k, v, u) for k in graph.get_edge_data(v, u, default={})]

    def rank(option: tuple[int, str, str, str]) -> tuple[bool, int, int]:
        reverse, key, s, t = option
        inferred = graph.edges[s, t, key].get("assertion_status") == "inferred"
        return (inferred, reverse, _ORDER.get(_iri(key), len(_ORDER)))

    reverse, key, s, t = min(options, key=rank)
    edge = edge_json(graph, s, t, key)
    link = LINKS.get(_iri(key))
    if reverse and link is not None:
        phrase_zh, phrase_en = link.inverse_zh, link.inverse_en
    elif reverse:
        phrase_zh, phrase_en = f"被…{edge['label_zh']}", f"is the object of {edge['label_en']}"
    else:
        phrase_zh, phrase_en = edge["label_zh"], edge["label_en"]
    if edge["assertion_status"] == "inferred":
        phrase_zh, phrase_en = f"{phrase_zh}(推断)", f"{phrase_en} (inferred)"
    also = sorted({k for _, k, _, _ in options} - {key})
    return {
        **edge,
        "from": u,
        "to": v,
        "direction": "inverse" if reverse else "forward",
        "phrase_zh": phrase_zh,
        "phrase_en": phrase_en,
        "also": also,
    }


def _iri(key: str) -> URIRef:
    return URIRef(expand(key))


def title_zh(data: dict[str, Any]) -> str:
    """The zh label, in 《》 for a document whose title the report marks so."""
    label = str(data["label"])
    marked = data.get("class") == "PolicyDocument" and data.get("title_marked", True) is not False
    return f"《{label}》" if marked and not label.startswith("《") else label


def render(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, Any]:
    """A path as steps plus one readable sentence in zh and one in en."""
    steps = [_step(graph, u, v) for u, v in pairwise(nodes)]
    data = graph.nodes
    zh, en = [title_zh(data[nodes[0]])], [data[nodes[0]].get("label_en", data[nodes[0]]["label"])]
    for step in steps:
        target = data[step["to"]]
        zh.append(f" —{step['phrase_zh']}→ {title_zh(target)}")
        en.append(f" —{step['phrase_en']}→ {target.get('label_en', target['label'])}")
    return {
        "length": len(steps),
        "nodes": [summary(graph, n) for n in nodes],
        "steps": steps,
        "text_zh": "".join(zh),
        "text_en": "".join(en),
    }
