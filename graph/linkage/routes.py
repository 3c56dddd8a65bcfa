"""How resources are linked: ``neighbourhood`` (hops around one node) and ``paths`` (a to b).

Both walk the undirected view of the projection but report each edge in its real direction.
Hubs (nodes with more than ``hub_degree`` links, e.g. a mechanism every report mentions) are
reached but not walked through, and results are capped; both facts are stated in the result.
Both results iterate over their node ids, so they serve directly as export selections.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import BadRequest
from ..kg import KnowledgeGraph
from ..params import bounded_int
from .render import edge_json, render
from .view import (
    HUB_DEGREE,
    MAX_HOPS,
    MAX_NODES,
    MAX_PATH_LENGTH,
    MAX_PATHS,
    class_filter,
    in_classes,
    neighbours,
    require_node,
    summary,
)

# Path candidates examined per length before ranking, and DFS steps before giving up.
CANDIDATES_PER_PATH = 10
SEARCH_BUDGET = 200_000


@dataclass
class Selection:
    """A set of node ids with the facts a caller needs to say how it was cut."""

    nodes: list[str]
    capped: bool = False
    hubs: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node: object) -> bool:
        return node in set(self.nodes)


@dataclass
class Neighbourhood(Selection):
    center: str = ""
    hops: int = 1
    distance: dict[str, int] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, graph: nx.MultiDiGraph) -> dict[str, Any]:
        return {
            "center": summary(graph, self.center),
            "hops": self.hops,
            "nodes": [{**summary(graph, n), "distance": self.distance[n]} for n in self.nodes],
            "edges": self.edges,
            "capped": self.capped,
            "hubs": [summary(graph, n) for n in self.hubs],
        }


@dataclass
class Paths(Selection):
    source: str = ""
    target: str = ""
    max_length: int = 4
    paths: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, graph: nx.MultiDiGraph) -> dict[str, Any]:
        return {
            "from": summary(graph, self.source),
            "to": summary(graph, self.target),
            "max_length": self.max_length,
            "shortest": self.paths[0]["length"] if self.paths else None,
            "paths": self.paths,
            "nodes": [summary(graph, n) for n in self.nodes],
            "capped": self.capped,
            "hubs": [summary(graph, n) for n in self.hubs],
        }


def _is_hub(graph: nx.MultiDiGraph, node: str, hub_degree: int) -> bool:
    return len(neighbours(graph)[node]) > hub_degree


def neighbourhood(
    kg: KnowledgeGraph,
    node: str,
    hops: int = 1,
    classes: Iterable[str] | None = None,
    *,
    max_hops: int = MAX_HOPS,
    max_nodes: int = MAX_NODES,
    hub_degree: int = HUB_DEGREE,
) -> Neighbourhood:
    """Nodes within ``hops`` links of ``node`` (breadth first; hubs other than ``node`` are not
    expanded; at most ``max_nodes``). ``classes`` keeps nodes of those classes (and the centre)."""
    graph = kg.projection()
    require_node(graph, node)
    hops = bounded_int(hops, "hops", 1, max_hops)
    wanted = class_filter(graph, classes)
    adjacency = neighbours(graph)
    distance = {node: 0}
    queue: deque[str] = deque([node])
    hubs: list[str] = []
    capped = False
    while queue and not capped:
        current = queue.popleft()
        if distance[current] >= hops:
            continue
        if current != node and _is_hub(graph, current, hub_degree):
            hubs.append(current)
            continue
        for other in adjacency[current]:
            if other in distance:
                continue
            if len(distance) >= max_nodes:
                capped = True
                break
            distance[other] = distance[current] + 1
            queue.append(other)
    kept = [n for n in distance if n == node or in_classes(graph, n, wanted)]
    chosen = set(kept)
    edges = [edge_json(graph, u, v, k) for u, v, k in graph.subgraph(chosen).edges(keys=True)]
    return Neighbourhood(
        nodes=kept,
        capped=capped,
        hubs=[h for h in hubs if h in chosen],
        center=node,
        hops=hops,
        distance={n: distance[n] for n in kept},
        edges=sorted(edges, key=lambda e: (e["source"], e["target"], e["predicate_curie"])),
    )


def _distances(
    adjacency: dict[str, tuple[str, ...]], start: str, depth: int, is_hub: Any
) -> dict[str, int]:
    """Breadth-first distances from ``start`` up to ``depth``, not expanding hubs."""
    distance = {start: 0}
    queue: deque[str] = deque([start])
    while queue:
        current = queue.popleft()
        if distance[current] >= depth or (current != start and is_hub(current)):
            continue
        for other in adjacency[current]:
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    return distance


def paths(
    kg: KnowledgeGraph,
    source: str,
    target: str,
    max_length: int = 4,
    k: int = 5,
    *,
    max_path_length: int = MAX_PATH_LENGTH,
    max_paths: int = MAX_PATHS,
    hub_degree: int = HUB_DEGREE,
) -> Paths:
    """The shortest and up to ``k`` shortest simple paths of at most ``max_length`` links.

    Among paths of equal length, those through less connected (more specific) nodes come first.
    """
    graph = kg.projection()
    require_node(graph, source)
    require_node(graph, target)
    if source == target:
        raise BadRequest("from and to are the same resource", parameter="to")
    max_length = bounded_int(max_length, "max_length", 1, max_path_length)
    k = bounded_int(k, "k", 1, max_paths)
    adjacency = neighbours(graph)
    hubs: set[str] = set()

    def is_hub(node: str) -> bool:
        if node in (source, target) or len(adjacency[node]) <= hub_degree:
            return False
        hubs.add(node)
        return True

    to_target = _distances(adjacency, target, max_length, is_hub)
    found: list[list[str]] = []
    budget = [SEARCH_BUDGET]
    if source in to_target:
        for length in range(to_target[source], max_length + 1):
            batch: list[list[str]] = []
            _walk(adjacency, [source], target, length, to_target, is_hub, batch, k, budget)
            batch.sort(key=lambda p: sum(math.log(len(adjacency[n])) for n in p[1:-1]))
            found.extend(batch[: k - len(found)])
            if len(found) >= k or budget[0] <= 0:
                break
    chosen = list(dict.fromkeys(n for path in found for n in path))
    return Paths(
        nodes=chosen,
        capped=budget[0] <= 0,
        hubs=sorted(hubs)[:MAX_PATHS],
        source=source,
        target=target,
        max_length=max_length,
        paths=[render(graph, path) for path in found],
    )


def _walk(
    adjacency: dict[str, tuple[str, ...]],
    path: list[str],
    target: str,
    length: int,
    to_target: dict[str, int],
    is_hub: Any,
    batch: list[list[str]],
    k: int,
    budget: list[int],
) -> None:
    """Depth-first: every simple path of exactly ``length`` links, pruned by distance to target."""
    depth = len(path)  # links so far + 1 for the next one
    for other in adjacency[path[-1]]:
        budget[0] -= 1
        if budget[0] <= 0 or len(batch) >= k * CANDIDATES_PER_PATH:
            return
        if other == target:
            if depth == length:
                batch.append([*path, other])
            continue
        if other in path or to_target.get(other, length + 1) + depth > length or is_hub(other):
            continue
        path.append(other)
        _walk(adjacency, path, target, length, to_target, is_hub, batch, k, budget)
        path.pop()
