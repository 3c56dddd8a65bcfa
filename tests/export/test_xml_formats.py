"""GEXF and GraphML: valid against the official schemas, and read back by networkx intact."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from graph.export import Selection, export, select
from graph.export.xml_formats import GEXF_NS, XSI_NS, graphml_ids
from graph.kg import KnowledgeGraph

from .conftest import SPECIAL, SPECIAL_ZH, schema

XSI_PREFIX = f"{{{XSI_NS}}}"


def _strip_xsi(tree: etree._ElementTree) -> etree._ElementTree:
    """RelaxNG does not know xsi:schemaLocation (see ../shared/schemas/README.md)."""
    for element in tree.iter():
        for name in [n for n in element.attrib if n.startswith(XSI_PREFIX)]:
            del element.attrib[name]
    return tree


def _same_graph(read: nx.Graph, projection: nx.MultiDiGraph) -> None:
    assert read.number_of_nodes() == projection.number_of_nodes()
    assert read.number_of_edges() == projection.number_of_edges()
    for u, v in read.edges():
        assert u in read and v in read


def test_gexf_is_valid_gexf_1_3(written: dict[str, bytes]) -> None:
    rng = etree.RelaxNG(etree.parse(str(schema("gexf-1.3", "gexf.rng"))))
    tree = _strip_xsi(etree.ElementTree(etree.fromstring(written["gexf"])))
    assert rng.validate(tree), rng.error_log
    root = tree.getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf"
    assert root.nsmap["xsi"] == "http://www.w3.org/2001/XMLSchema-instance"


def test_gexf_reads_back(
    written: dict[str, bytes], projection: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "g.gexf"
    path.write_bytes(written["gexf"])
    read = nx.read_gexf(path, version="1.3")
    _same_graph(read, projection)
    assert set(read.nodes) == set(projection.nodes)
    for node, data in projection.nodes(data=True):
        assert read.nodes[node]["label"].encode() == data["label_zh"].encode()
        assert read.nodes[node]["label_en"] == data["label_en"]
        assert read.nodes[node]["iri"] == data["iri"]
        viz = read.nodes[node]["viz"]
        assert set(viz) >= {"color", "position", "size"}
    assert read.nodes[SPECIAL]["label"] == SPECIAL_ZH


def test_gexf_colour_is_the_palette_and_size_grows_with_degree(
    written: dict[str, bytes], tmp_path: Path
) -> None:
    from graph import palette

    path = tmp_path / "g.gexf"
    path.write_bytes(written["gexf"])
    read = nx.read_gexf(path, version="1.3")
    for _node, data in read.nodes(data=True):
        color = data["viz"]["color"]
        assert (color["r"], color["g"], color["b"]) == palette.rgb(data["class"])
    by_degree = sorted((d["degree"], d["viz"]["size"]) for _, d in read.nodes(data=True))
    assert [s for _, s in by_degree] == sorted(s for _, s in by_degree)


def test_graphml_is_valid_graphml_1_1(written: dict[str, bytes]) -> None:
    xsd = etree.XMLSchema(etree.parse(str(schema("graphml-1.1", "graphml.xsd"))))
    tree = etree.ElementTree(etree.fromstring(written["graphml"]))
    assert xsd.validate(tree), xsd.error_log


def test_graphml_reads_back(
    written: dict[str, bytes], projection: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "g.graphml"
    path.write_bytes(written["graphml"])
    read = nx.read_graphml(path)
    _same_graph(read, projection)
    by_iri = {data["iri"]: data for _, data in read.nodes(data=True)}
    assert len(by_iri) == projection.number_of_nodes()
    for node, data in projection.nodes(data=True):
        got = by_iri[data["iri"]]
        assert got["node_id"] == node
        assert got["label_zh"].encode() == data["label_zh"].encode()
        assert got["label"] == data["label_zh"]
        assert {"x", "y", "size", "r", "g", "b"} <= set(got)
    assert by_iri[projection.nodes[SPECIAL]["iri"]]["label_zh"] == SPECIAL_ZH
    edge_ids = [key for *_, key in read.edges(keys=True)]
    assert len(edge_ids) == len(set(edge_ids))


@pytest.mark.parametrize(
    ("node", "token"),
    [
        ("fzid:org/yanji-court", "fzid:org.yanji-court"),
        ("http://x.org/a#b c", "http:..x.org.a_b_c"),
    ],
)
def test_graphml_ids_are_nmtokens(node: str, token: str) -> None:
    assert graphml_ids([node]) == {node: token}


def test_graphml_ids_stay_distinct_when_they_collide() -> None:
    ids = graphml_ids(["a/b", "a.b", "a b", "a_b"])
    assert len(set(ids.values())) == 4


def test_escaping_survives_an_xml_parser() -> None:
    from graph.export.xml_formats import attr, escape

    value = "《a》 & <b> \"c\" 'd' \n\te\r\x01\ud800"
    element = etree.fromstring(
        f"<x a={attr(value)}>{escape(value)}</x>".encode("utf-8", "surrogatepass")
    )
    kept = "《a》 & <b> \"c\" 'd' \n\te\r"
    assert element.get("a") == kept
    assert element.text == kept


@pytest.mark.parametrize("name", ["gexf", "graphml"])
def test_a_selection_is_valid_too(name: str, export_kg: KnowledgeGraph, tmp_path: Path) -> None:
    selection = Selection(focus=SPECIAL, hops=1)
    data = export(export_kg, name, selection).data
    tree = _strip_xsi(etree.ElementTree(etree.fromstring(data)))
    if name == "gexf":
        validator: etree._Validator = etree.RelaxNG(
            etree.parse(str(schema("gexf-1.3", "gexf.rng")))
        )
    else:
        validator = etree.XMLSchema(etree.parse(str(schema("graphml-1.1", "graphml.xsd"))))
    assert validator.validate(tree), validator.error_log
    path = tmp_path / f"g.{name}"
    path.write_bytes(data)
    read = nx.read_gexf(path, version="1.3") if name == "gexf" else nx.read_graphml(path)
    sub = export_kg.projection().subgraph(select(export_kg, selection))
    assert (read.number_of_nodes(), read.number_of_edges()) == (
        sub.number_of_nodes(),
        sub.number_of_edges(),
    )
