"""``rankings``: the most connected mechanisms, documents and bodies."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from ..errors import BadRequest
from ..kg import KnowledgeGraph
from .view import cached, class_filter, in_classes, summary

# Above this many nodes betweenness is estimated from a fixed sample of sources.
EXACT_BETWEENNESS_NODES = 2_000
BETWEENNESS_SAMPLE = 64


def _degree(graph: nx.MultiDiGraph) -> dict[str, float]:
    return {n: float(d) for n, d in graph.degree()}


def _betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    simple = nx.Graph(graph.to_undirected(as_view=True))
    sample = None if len(simple) <= EXACT_BETWEENNESS_NODES else BETWEENNESS_SAMPLE
    scores: dict[str, float] = nx.betweenness_centrality(simple, k=sample, seed=0)
    return scores


def _pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    # Undirected: a body that issues documents matters as much as one that documents name.
    scores: dict[str, float] = nx.pagerank(nx.Graph(graph.to_undirected(as_view=True)))
    return scores


MEASURES: dict[str, Callable[[nx.MultiDiGraph], dict[str, float]]] = {
    "degree": _degree,
    "betweenness": _betweenness,
    "pagerank": _pagerank,
}


def rankings(
    kg: KnowledgeGraph,
    measure: str = "degree",
    classes: Iterable[str] | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    """The ``limit`` best nodes by ``measure`` (computed once per projection), filtered by class."""
    if measure not in MEASURES:
        raise BadRequest(
            f"unknown measure {measure!r}", parameter="measure", measures=list(MEASURES)
        )
    graph = kg.projection()
    wanted = class_filter(graph, classes)
    scores = cached(graph, f"rank-{measure}", lambda: MEASURES[measure](graph))
    best = sorted(
        (n for n in scores if in_classes(graph, n, wanted)), key=lambda n: (-scores[n], n)
    )
    return {
        "measure": measure,
        "approximate": measure == "betweenness" and len(graph) > EXACT_BETWEENNESS_NODES,
        "results": [
            {**summary(graph, n), "score": round(scores[n], 6), "degree": graph.degree(n)}
            for n in best[: max(limit, 0)]
        ],
    }
