"""Cytoscape.js JSON and node-link JSON: structure, labels, and a networkx round trip."""

from __future__ import annotations

import json

import networkx as nx

from graph import palette

from .conftest import SPECIAL, SPECIAL_ZH


def test_cyjs_structure(written: dict[str, bytes], projection: nx.MultiDiGraph) -> None:
    doc = json.loads(written["cyjs"])
    assert isinstance(doc["data"], dict) and doc["data"]["name"]
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == projection.number_of_nodes()
    assert len(edges) == projection.number_of_edges()
    ids = {n["data"]["id"] for n in nodes}
    assert ids == set(projection.nodes)
    for node in nodes:
        data = node["data"]
        source = projection.nodes[data["id"]]
        assert data["name"] == data["label"] == data["label_zh"] == source["label_zh"]
        assert data["label_en"] == source["label_en"]
        assert data["iri"] == source["iri"] and data["class"] == source["class"]
        assert data["color"] == palette.color(source["class"])
        assert set(node["position"]) == {"x", "y"}
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(edge_ids) == len(set(edge_ids))
    assert not ids & set(edge_ids)
    for edge in edges:
        data = edge["data"]
        assert data["source"] in ids and data["target"] in ids
        assert projection.has_edge(data["source"], data["target"], key=data["predicate_curie"])
        assert data["label_zh"] and data["label_en"] and data["predicate"].startswith("http")


def test_cyjs_keeps_special_characters(written: dict[str, bytes]) -> None:
    text = written["cyjs"].decode("utf-8")
    assert "\\u" not in text
    by_id = {n["data"]["id"]: n["data"] for n in json.loads(text)["elements"]["nodes"]}
    assert by_id[SPECIAL]["name"].encode() == SPECIAL_ZH.encode()


def test_nodelink_reads_back(written: dict[str, bytes], projection: nx.MultiDiGraph) -> None:
    doc = json.loads(written["nodelink"])
    assert "links" in doc and "edges" not in doc
    read = nx.node_link_graph(doc, edges="links")
    assert read.is_directed() and read.is_multigraph()
    assert read.number_of_nodes() == projection.number_of_nodes()
    assert read.number_of_edges() == projection.number_of_edges()
    assert set(read.edges(keys=True)) == set(projection.edges(keys=True))
    for node, data in projection.nodes(data=True):
        assert read.nodes[node]["label_zh"].encode() == data["label_zh"].encode()
        assert read.nodes[node]["label"] == data["label_zh"]


def test_text_exports_are_utf8_without_bom_or_escapes_or_none(written: dict[str, bytes]) -> None:
    for name, data in written.items():
        if name == "neo4j":
            continue
        assert not data.startswith(b"\xef\xbb\xbf"), name
        text = data.decode("utf-8")
        assert "府院联动" in text, name
        assert "\\u5e9c" not in text.lower(), name
        for bad in ('"None"', ">None<", "=None", ": null", "NaN"):
            assert bad not in text, (name, bad)
