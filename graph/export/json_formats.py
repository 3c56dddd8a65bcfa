"""Cytoscape.js JSON (the explorer's data and Cytoscape desktop's ``.cyjs``) and node-link JSON."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from .. import __version__, palette
from .context import ExportContext

# Cytoscape.js reserves these data keys; a projection attribute never overwrites them.
RESERVED = frozenset({"id", "source", "target", "parent", "name"})


def dumps(data: Any) -> bytes:
    """UTF-8 JSON with Chinese as characters (never ``\\uXXXX``) and no NaN."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1).encode("utf-8")


def cytoscape_data(ctx: ExportContext) -> dict[str, Any]:
    nodes = []
    for node, attrs in ctx.nodes():
        data = {k: v for k, v in attrs.items() if k not in RESERVED}
        data.update(id=node, name=attrs["label_zh"])
        data.update(color=palette.color(str(attrs["class"])), degree=ctx.degree(node))
        data["size"] = ctx.size(node)
        x, y = ctx.position(node)
        nodes.append({"data": data, "position": {"x": x, "y": y}})
        ctx.tick()
    edges = []
    for i, (u, v, _key, attrs) in enumerate(ctx.edges()):
        data = {k: v for k, v in attrs.items() if k not in RESERVED}
        data.update(id=f"e{i}", source=u, target=v)
        edges.append({"data": data})
        ctx.tick()
    classes = sorted({str(n["data"]["class"]) for n in nodes})
    return {
        "format_version": "1.0",
        "generated_by": f"fazhi-kg {__version__}",
        "target_cytoscapejs_version": "~3",
        "data": {
            "name": ctx.title,
            "shared_name": ctx.title,
            "node_count": len(nodes),
            "edge_count": len(edges),
            "palette": palette.palette_json(classes)["classes"],
        },
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cyjs(ctx: ExportContext) -> bytes:
    return dumps(cytoscape_data(ctx))


def write_nodelink(ctx: ExportContext) -> bytes:
    """networkx's node-link data (``edges="links"``), attributes cleaned, plus colour and x/y."""
    graph = nx.MultiDiGraph(name=ctx.title)
    for node, attrs in ctx.nodes():
        x, y = ctx.position(node)
        graph.add_node(node, **attrs, color=palette.color(str(attrs["class"])), x=x, y=y)
        ctx.tick()
    for u, v, key, attrs in ctx.edges():
        graph.add_edge(u, v, key=key, **attrs)
        ctx.tick()
    return dumps(nx.node_link_data(graph, edges="links"))
