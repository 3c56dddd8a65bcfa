"""A seeded 2-D layout of the whole projection, computed once per projection and cached.

Every export of every selection takes its positions from the same layout, so a node sits at
the same place in Gephi, Cytoscape and the explorer, and two exports of the same graph are
byte-identical. ``KnowledgeGraph.projection()`` returns a new graph after a write, which gets a
new layout; the cache holds projections weakly, so an old one and its layout are freed together.
"""

from __future__ import annotations

import math
import random
import threading
import weakref
from collections import deque

import networkx as nx

SEED = 20200101
# networkx's Fruchterman–Reingold is vectorised below 500 nodes and a slow Python loop above
# (53 s at 2,400 nodes). Bigger graphs: the SPRING_MAX_NODES best-connected nodes get the
# spring layout, every other node is placed next to a placed neighbour (breadth first) with
# seeded jitter, and nodes with no path to them are scattered at random. O(nodes + edges).
SPRING_MAX_NODES = 480
ITERATIONS = 50
# Layout coordinates span about [-SCALE, SCALE], a size Gephi and Cytoscape show unzoomed.
SCALE = 1000.0
JITTER = SCALE / 25

Positions = dict[str, tuple[float, float]]

_cache: weakref.WeakKeyDictionary[nx.Graph, Positions] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def compute(graph: nx.Graph, *, seed: int = SEED) -> Positions:
    """Positions for every node of ``graph`` (not cached); deterministic for a given graph."""
    if graph.number_of_nodes() == 0:
        return {}
    # Sorted insertion makes the result independent of the order the projection added nodes.
    simple = nx.Graph()
    simple.add_nodes_from(sorted(str(n) for n in graph.nodes))
    simple.add_edges_from(sorted((str(u), str(v)) for u, v in graph.edges() if u != v))
    if simple.number_of_nodes() <= SPRING_MAX_NODES:
        raw = nx.spring_layout(simple, seed=seed, iterations=ITERATIONS, scale=SCALE)
        return {node: (round(float(p[0]), 3), round(float(p[1]), 3)) for node, p in raw.items()}
    return _grown(simple, seed)


def _grown(simple: nx.Graph, seed: int) -> Positions:
    """Spring layout of the best-connected nodes, the rest grown outwards from them."""
    rng = random.Random(seed)  # noqa: S311 (layout jitter, not a secret)
    ranked = sorted(simple.nodes, key=lambda n: (-simple.degree(n), n))
    core = sorted(ranked[:SPRING_MAX_NODES])
    raw = nx.spring_layout(simple.subgraph(core), seed=seed, iterations=ITERATIONS, scale=SCALE)
    placed = {node: (float(p[0]), float(p[1])) for node, p in raw.items()}
    queue = deque(core)
    while queue:
        node = queue.popleft()
        x, y = placed[node]
        for other in sorted(simple.adj[node]):
            if other not in placed:
                angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(0.3, 1.0) * JITTER
                placed[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                queue.append(other)
    for node in simple.nodes:  # not connected to the core
        if node not in placed:
            placed[node] = (rng.uniform(-SCALE, SCALE), rng.uniform(-SCALE, SCALE))
    return {node: (round(x, 3), round(y, 3)) for node, (x, y) in placed.items()}


def positions(graph: nx.Graph) -> Positions:
    """The cached layout of ``graph`` (the whole projection), computed on first use."""
    with _lock:
        cached = _cache.get(graph)
        if cached is None:
            cached = compute(graph)
            _cache[graph] = cached
        return cached
