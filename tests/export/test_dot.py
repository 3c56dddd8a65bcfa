"""Graphviz DOT: re-read with pydot; ids quoted, a CJK font named, labels intact."""

from __future__ import annotations

import networkx as nx
import pydot
import pytest

from .conftest import SPECIAL, SPECIAL_ZH


def _unquote(value: str) -> str:
    assert value.startswith('"') and value.endswith('"')
    body = value[1:-1]
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n"}.get(nxt, nxt))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


# pydot 4 calls pyparsing's camelCase API, which pyparsing 3.3 deprecates (not our code).
@pytest.mark.filterwarnings("ignore::DeprecationWarning:pyparsing")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot")
def test_dot_reads_back_with_pydot(written: dict[str, bytes], projection: nx.MultiDiGraph) -> None:
    (graph,) = pydot.graph_from_dot_data(written["dot"].decode("utf-8"))
    assert graph.get_type() == "digraph"
    defaults = {"node", "edge", "graph"}
    nodes = {_unquote(n.get_name()): n for n in graph.get_nodes() if n.get_name() not in defaults}
    assert set(nodes) == set(projection.nodes)
    edges = graph.get_edges()
    assert len(edges) == projection.number_of_edges()
    for edge in edges:
        assert _unquote(edge.get_source()) in nodes and _unquote(edge.get_destination()) in nodes
    for node, data in projection.nodes(data=True):
        assert _unquote(nodes[node].get("label")).encode() == data["label_zh"].encode()
        assert _unquote(nodes[node].get("label_en")) == data["label_en"]
    assert _unquote(nodes[SPECIAL].get("label")) == SPECIAL_ZH
    assert "WenQuanYi Micro Hei" in _unquote(graph.get_node_defaults()[0]["fontname"])
