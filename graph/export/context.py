"""What every writer gets: the selected subgraph, the layout, the dataset, a progress hook.

Also the few helpers the writers share: clean attribute values (never None/NaN), attribute
types inferred over all nodes, a stable edge order, size by degree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Dataset

from ..layout import Positions

# Node attributes every node has, written first and under these names by every writer.
CORE_NODE = ("label", "label_zh", "label_en", "class", "class_iri", "iri")
# Attributes the writers compute; a projection attribute of the same name is not written twice.
DERIVED_NODE = ("color", "degree", "size", "x", "y", "r", "g", "b")
CORE_EDGE = ("predicate", "predicate_curie", "label_zh", "label_en")

Value = str | int | float | bool


def _no_progress(_: int) -> None:
    return None


@dataclass
class ExportContext:
    """One export: ``graph`` is the selection's subgraph of the projection."""

    graph: nx.MultiDiGraph
    dataset: Dataset
    positions: Positions
    title: str = "fazhi-kg"
    progress: Callable[[int], None] = field(default=_no_progress)

    def tick(self, n: int = 1) -> None:
        self.progress(n)

    @property
    def work(self) -> int:
        """Units of work a writer reports through ``tick`` (one per node and per edge)."""
        return int(self.graph.number_of_nodes() + self.graph.number_of_edges())

    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Nodes in id order with their cleaned attributes (labels filled in)."""
        for node in sorted(self.graph.nodes):
            yield node, node_attrs(node, self.graph.nodes[node])

    def edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Edges in (source, target, key) order with cleaned attributes."""
        for u, v, key, data in sorted(self.graph.edges(keys=True, data=True), key=edge_order):
            yield u, v, str(key), edge_attrs(key, data)

    def position(self, node: str) -> tuple[float, float]:
        return self.positions.get(node, (0.0, 0.0))

    def degree(self, node: str) -> int:
        return int(self.graph.degree(node))

    def size(self, node: str) -> float:
        """Node size by degree in the selection (Gephi and the explorer draw the same)."""
        return round(6.0 + 4.0 * math.sqrt(self.degree(node)), 2)


def edge_order(edge: tuple[Any, Any, Any, Any]) -> tuple[str, str, str]:
    return str(edge[0]), str(edge[1]), str(edge[2])


def clean(value: Any) -> Value | None:
    """A value fit to write: str/int/float/bool, or None when there is nothing to write."""
    if value is None:
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


def node_attrs(node: str, data: dict[str, Any]) -> dict[str, Any]:
    """The node's attributes without None/NaN, with ``label``/``label_zh``/``label_en`` set."""
    attrs = {k: v for k, v in ((k, clean(v)) for k, v in data.items()) if v is not None}
    label = str(attrs.get("label_zh") or attrs.get("label") or attrs.get("label_en") or node)
    attrs["label"] = label
    attrs.setdefault("label_zh", label)
    attrs.setdefault("label_en", str(attrs.get("label_en") or label))
    attrs.setdefault("class", "Resource")
    attrs.setdefault("class_iri", "http://www.w3.org/2000/01/rdf-schema#Resource")
    attrs.setdefault("iri", node)
    return attrs


def edge_attrs(key: Any, data: dict[str, Any]) -> dict[str, Any]:
    attrs = {k: v for k, v in ((k, clean(v)) for k, v in data.items()) if v is not None}
    attrs.setdefault("predicate_curie", str(key))
    attrs.setdefault("predicate", str(attrs["predicate_curie"]))
    attrs.setdefault("label_zh", str(attrs["predicate_curie"]))
    attrs.setdefault("label_en", str(attrs["label_zh"]))
    attrs["label"] = attrs["label_zh"]
    return attrs


def extra_keys(items: list[dict[str, Any]], skip: tuple[str, ...]) -> dict[str, str]:
    """Attribute names beyond ``skip``, each with a type over every item that has it.

    Types are ``"boolean"``, ``"long"``, ``"double"`` or ``"string"`` (mixed kinds -> string).
    """
    kinds: dict[str, set[str]] = {}
    for attrs in items:
        for name, value in attrs.items():
            if name not in skip:
                kinds.setdefault(name, set()).add(kind_of(value))
    types = {}
    for name in sorted(kinds):
        found = kinds[name]
        if len(found) == 1:
            types[name] = found.pop()
        elif found == {"long", "double"}:
            types[name] = "double"
        else:
            types[name] = "string"
    return types


def kind_of(value: Value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def text(value: Value, kind: str = "string") -> str:
    """A value as text for XML/CSV: booleans lower-case, numbers as their kind expects."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind == "double" and isinstance(value, int):
        return repr(float(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)
