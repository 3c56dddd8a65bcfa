"""What every lookup shares: caps, per-projection caches, node summaries and class filters."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import networkx as nx

from ..errors import BadRequest, NotFound
from ..kg import KnowledgeGraph

# Defaults for the caps (the service passes its settings instead).
MAX_HOPS = 3
MAX_PATH_LENGTH = 6
MAX_PATHS = 20
MAX_NODES = 500
# A node with more links than this is a hub: shown, but not expanded through (see routes.py).
HUB_DEGREE = 200

# Class filters include subclasses: "Mechanism" finds campaigns, "Organization" every body.
SUBCLASSES: dict[str, frozenset[str]] = {
    "Mechanism": frozenset({"Mechanism", "Campaign"}),
    "Organization": frozenset(
        {"Organization", "OrganizationalCollaboration", "FormalOrganization", "OrganizationalUnit"}
    ),
}
SUMMARY_KEYS = ("id", "label", "label_zh", "label_en", "class")
T = TypeVar("T")

_CACHE: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def cached(graph: nx.MultiDiGraph, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per projection (a new projection after a write gets new views)."""
    with _LOCK:
        views = _CACHE.setdefault(graph, {})
        if name not in views:
            views[name] = build()
        result: T = views[name]
        return result


def projection(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.projection()


def summary(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """The short form of a node used in every list: id, labels, class."""
    data = graph.nodes[node]
    found = {"id": node, **{k: data[k] for k in SUMMARY_KEYS[1:] if k in data}}
    return found


def require_node(graph: nx.MultiDiGraph, node: str) -> str:
    if node not in graph:
        raise NotFound(f"no resource with id {node!r}", id=node)
    return node


def class_filter(graph: nx.MultiDiGraph, classes: Iterable[str] | None) -> frozenset[str] | None:
    """Expand requested class names (case-insensitive, ``fz:`` prefix allowed) to node classes."""
    if not classes:
        return None
    known = cached(graph, "classes", lambda: frozenset(c for _, c in graph.nodes(data="class")))
    by_lower = {c.lower(): c for c in known | SUBCLASSES.keys()}
    wanted: set[str] = set()
    for name in classes:
        if not name:
            continue
        key = name.rpartition(":")[2].lower()
        if key not in by_lower:
            raise BadRequest(f"unknown class {name!r}", known_classes=sorted(known))
        cls = by_lower[key]
        wanted |= SUBCLASSES.get(cls, frozenset({cls}))
    return frozenset(wanted) or None


def in_classes(graph: nx.MultiDiGraph, node: str, wanted: frozenset[str] | None) -> bool:
    return wanted is None or graph.nodes[node].get("class") in wanted


def neighbours(graph: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """The undirected adjacency (sorted, so results are stable), cached per projection."""

    def build() -> dict[str, tuple[str, ...]]:
        return {n: tuple(sorted(set(graph._succ[n]) | set(graph._pred[n]))) for n in graph}

    return cached(graph, "neighbours", build)
