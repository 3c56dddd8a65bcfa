"""Turtle, JSON-LD and N-Triples: re-parsed and compared as graphs with the selection's triples."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from rdflib import RDF, Graph
from rdflib.compare import isomorphic, to_isomorphic

from graph import paths
from graph.export import Selection, export
from graph.kg import KnowledgeGraph

from .conftest import SPECIAL, SPECIAL_ZH, TEST_DATA

FIXTURE_FILES = [TEST_DATA / "tiny.ttl", TEST_DATA / "export-specials.ttl"]

RDF_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
}


def reparse(data: bytes, name: str) -> Graph:
    """Parse an export with Oxigraph (a second, independent parser), as an rdflib graph.

    (rdflib's own JSON-LD parser goes through its deprecated ConjunctiveGraph.)
    """
    quads = pyoxigraph.parse(data, format=RDF_FORMATS[name])
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
    nt = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=nt, format="nt")


@pytest.fixture(scope="module")
def source_store() -> pyoxigraph.Store:
    """The fixture's files parsed straight into Oxigraph, apart from the code under test."""
    store = pyoxigraph.Store()
    for i, path in enumerate([*paths.ontology_files(), *FIXTURE_FILES]):
        graph = pyoxigraph.NamedNode(f"urn:x-test:graph:{i}")
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, to_graph=graph)
    return store


def expected(store: pyoxigraph.Store, kg: KnowledgeGraph, nodes: list[str]) -> Graph:
    """The selection's triples, by a CONSTRUCT over the source files (not the writer's code)."""
    graph = kg.projection()
    iris = " ".join(f"<{graph.nodes[n]['iri']}>" for n in nodes)
    query = f"""
    CONSTRUCT {{ ?s ?p ?o }} WHERE {{
      VALUES ?s {{ {iris} }} VALUES ?selected {{ {iris} }}
      ?s ?p ?o .
      FILTER(isLiteral(?o) || ?o = ?selected || ?p = <{RDF.type}>)
    }}"""
    result = store.query(query, use_default_graph_as_union=True)
    data = result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)  # type: ignore[union-attr]
    return Graph().parse(data=data, format="nt")


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_whole_graph_round_trips(
    name: str, written: dict[str, bytes], export_kg: KnowledgeGraph, source_store: pyoxigraph.Store
) -> None:
    got = reparse(written[name], name)
    want = expected(source_store, export_kg, list(export_kg.projection().nodes))
    assert len(got) == len(want)
    assert isomorphic(got, want), sorted(set(to_isomorphic(got)) ^ set(to_isomorphic(want)))[:5]


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_id_selection_round_trips(
    name: str, export_kg: KnowledgeGraph, source_store: pyoxigraph.Store
) -> None:
    nodes = [SPECIAL, "fzid:org/tiny-gov", "fzc:mech-fuyuan-liandong"]
    data = export(export_kg, name, Selection(ids=tuple(nodes))).data
    got = reparse(data, name)
    assert isomorphic(got, expected(source_store, export_kg, nodes))
    labels = {str(o) for o in got.objects(None, None) if getattr(o, "language", None) == "zh"}
    assert SPECIAL_ZH in labels


def test_jsonld_has_an_inline_context_and_language_tags(written: dict[str, bytes]) -> None:
    doc = json.loads(written["jsonld"])
    assert doc["@context"]["fzid"] == "https://w3id.org/fazhi/id/"
    text = written["jsonld"].decode("utf-8")
    assert '"@language": "zh"' in text and '"@language": "en"' in text
    assert "府院联动" in text


def test_turtle_declares_only_the_prefixes_it_uses(written: dict[str, bytes]) -> None:
    text = written["ttl"].decode("utf-8")
    assert "@prefix fz:" in text and "@prefix fzsh:" not in text


def test_oxigraph_still_writes_jsonld_without_a_context() -> None:
    """Why write_jsonld is ours (see graph/export/rdf.py): when this fails, use Oxigraph's."""
    label = pyoxigraph.Triple(
        pyoxigraph.NamedNode("https://w3id.org/fazhi/id/org/x"),
        pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        pyoxigraph.Literal("府院联动", language="zh"),
    )
    data = pyoxigraph.serialize(
        [label],
        format=pyoxigraph.RdfFormat.JSON_LD,
        prefixes={"fzid": "https://w3id.org/fazhi/id/"},
    )
    doc = json.loads(data or b"{}")
    assert isinstance(doc, list) and not any("@context" in node for node in doc)
