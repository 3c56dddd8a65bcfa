"""What to export: the whole graph or a subgraph, chosen the same way for every format.

A :class:`Selection` is parsed from request parameters or CLI options by :func:`parse`, turned
into node ids by :func:`select` (through ``graph.linkage``, so an id may be a CURIE, a full IRI
or an exact zh/en label) and into the projection's induced subgraph by :func:`subgraph`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from ..errors import BadRequest, TooLarge
from ..kg import KnowledgeGraph
from ..params import bounded_int


@dataclass(frozen=True)
class Limits:
    """Caps on a selection (the service passes its settings; the CLI has none by default)."""

    max_ids: int | None = None
    max_hops: int | None = None
    max_path_length: int | None = None
    max_paths: int | None = None
    max_nodes: int | None = None  # of a neighbourhood (the walk stops there and says so)
    hub_degree: int | None = None  # more links: a hub, reached but not walked through


@dataclass(frozen=True)
class Selection:
    focus: str | None = None  # neighbourhood of this entity ...
    hops: int = 1  # ... within this many links
    source: str | None = None  # union of the paths from source ...
    target: str | None = None  # ... to target
    max_length: int = 4
    k: int = 5
    classes: tuple[str, ...] = ()  # keep only nodes of these classes (with any of the above)
    ids: tuple[str, ...] | None = None  # exactly these entities

    @property
    def kind(self) -> str:
        if self.ids is not None:
            return "ids"
        if self.focus is not None:
            return "neighbourhood"
        if self.source is not None:
            return "paths"
        return "class" if self.classes else "all"

    def slug(self, focus: str | None = None) -> str:
        """An ASCII file-name part naming the selection (from the resolved ``focus`` node id,
        never from raw user text)."""
        kind = self.kind
        if kind == "neighbourhood" and focus:
            return f"{_slug(focus)}-{self.hops}hop"
        if kind == "class":
            return "class-" + "-".join(_slug(c) for c in self.classes)[:60]
        return kind


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "node"


def _split(values: Iterable[str]) -> list[str]:
    """Repeated parameters and comma/newline separated lists, stripped, empties dropped."""
    return [part.strip() for value in values for part in re.split(r"[,\n]", value) if part.strip()]


def parse(
    get: Callable[[str], list[str]], ids: list[str] | None = None, limits: Limits | None = None
) -> Selection:
    """A selection from parameters: ``get(name)`` returns every value given for ``name``.

    Names: ``id`` (or ``focus``) + ``hops``; ``from`` + ``to`` (+ ``max_length``, ``k``);
    ``class`` (repeatable or comma-separated); ``ids`` is the explicit list (POST body).
    """

    limits = limits or Limits()

    def one(*names: str) -> str | None:
        for name in names:
            values = [v for v in get(name) if v.strip()]
            if values:
                return values[-1].strip()
        return None

    focus, source, target = one("id", "focus"), one("from", "source"), one("to", "target")
    if ids is None and get("ids"):
        ids = _split(get("ids"))
    chosen = [
        name
        for name, on in (("id", focus), ("from/to", source or target), ("ids", ids is not None))
        if on
    ]
    if len(chosen) > 1:
        raise BadRequest(f"choose one selection, not {' and '.join(chosen)}", parameters=chosen)
    if (source is None) != (target is None):
        raise BadRequest("a path selection needs both 'from' and 'to'", parameters=["from", "to"])
    hops = one("hops")
    max_length, k = one("max_length", "length"), one("k")
    if ids is not None:
        ids = _split(ids)
        if not ids:
            raise BadRequest("the id list is empty", parameter="ids")
        if limits.max_ids is not None and len(ids) > limits.max_ids:
            raise TooLarge(
                f"too many ids: {len(ids)} (at most {limits.max_ids})", maximum=limits.max_ids
            )
    return Selection(
        focus=focus,
        hops=bounded_int(hops, "hops", 1, limits.max_hops) if hops is not None else 1,
        source=source,
        target=target,
        max_length=bounded_int(max_length, "max_length", 1, limits.max_path_length)
        if max_length
        else min(4, limits.max_path_length or 4),
        k=bounded_int(k, "k", 1, limits.max_paths) if k else min(5, limits.max_paths or 5),
        classes=tuple(_split(get("class"))),
        ids=tuple(ids) if ids is not None else None,
    )


def select(kg: KnowledgeGraph, selection: Selection, limits: Limits | None = None) -> list[str]:
    """The selected node ids, sorted. Unknown entities raise NotFound (or Conflict if ambiguous)."""
    from .. import linkage  # the linkage area owns name resolution, class names and graph walks
    from ..linkage.view import class_filter

    limits = limits or Limits()
    graph = kg.projection()
    wanted = class_filter(graph, selection.classes)
    # The same hubs as the linkage lookups, so an export shows what /api/neighbourhood shows.
    hub_degree = linkage.HUB_DEGREE if limits.hub_degree is None else limits.hub_degree
    nodes: Iterable[str]
    if selection.ids is not None:
        nodes = {resolve(kg, graph, text) for text in selection.ids}
    elif selection.focus is not None:
        focus = resolve(kg, graph, selection.focus)
        nodes = linkage.neighbourhood(
            kg,
            focus,
            selection.hops,
            max_hops=limits.max_hops or max(selection.hops, linkage.MAX_HOPS),
            max_nodes=limits.max_nodes or graph.number_of_nodes(),
            hub_degree=hub_degree,
        )
    elif selection.source is not None and selection.target is not None:
        a, b = resolve(kg, graph, selection.source), resolve(kg, graph, selection.target)
        nodes = linkage.paths(
            kg,
            a,
            b,
            selection.max_length,
            selection.k,
            max_path_length=limits.max_path_length
            or max(selection.max_length, linkage.MAX_PATH_LENGTH),
            max_paths=limits.max_paths or max(selection.k, linkage.MAX_PATHS),
            hub_degree=hub_degree,
        )
    else:
        nodes = graph.nodes
    return sorted(n for n in nodes if wanted is None or graph.nodes[n].get("class") in wanted)


def resolve(kg: KnowledgeGraph, graph: nx.MultiDiGraph, text: str) -> str:
    from .. import linkage

    return text if text in graph else str(linkage.resolve(kg, text))


def subgraph(kg: KnowledgeGraph, nodes: list[str]) -> nx.MultiDiGraph:
    """The projection's subgraph induced by ``nodes`` (every link among them)."""
    graph = kg.projection()
    if len(nodes) == graph.number_of_nodes():
        return graph
    return graph.subgraph(nodes)
