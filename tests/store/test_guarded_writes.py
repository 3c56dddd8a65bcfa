"""graph.writes: each write is validated as its graphs would be after it, or changes nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from graph import writes
from graph.errors import BadRequest, NotFound, QueryError, Timeout, TooLarge, Unprocessable
from graph.kg import KnowledgeGraph

from .conftest import BAD_INSERT, GOV, GRAPH, REPORT, canonical, comment_update, dump

TURTLE = ox.RdfFormat.TURTLE
OTHER = "https://w3id.org/fazhi/id/graph/other"


def _put(kg: KnowledgeGraph, graph: str = GRAPH) -> writes.WriteResult:
    return writes.put_graph(kg, graph, REPORT.read_bytes(), TURTLE)


def test_put_stores_the_graph_as_oxigraph_holds_it(any_kg: KnowledgeGraph) -> None:
    result = _put(any_kg)
    assert result.created and result.graphs == {GRAPH: 24}
    stored = ox.serialize(
        [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(GRAPH))
            for t in writes.get_graph(any_kg, GRAPH)
        ],
        format=ox.RdfFormat.N_QUADS,
    )
    assert canonical(stored or b"", ox.RdfFormat.N_QUADS) == canonical(REPORT.read_bytes())
    assert not _put(any_kg).created  # the second PUT replaces


def test_accepted_update_is_visible_to_every_view(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    version = any_kg.version
    writes.update(any_kg, comment_update("你好"))
    assert any_kg.version > version
    assert (URIRef(GOV), RDFS.comment, Literal("你好")) in any_kg.dataset.graph(URIRef(GRAPH))
    rows = any_kg.oxigraph.query(
        f"SELECT ?c WHERE {{ <{GOV}> <{RDFS.comment}> ?c }}", use_default_graph_as_union=True
    )
    assert [r[0].value for r in rows] == ["你好"]  # type: ignore[index,union-attr]


def test_refused_write_reports_the_shape_and_changes_nothing(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    before, version = dump(any_kg), any_kg.version
    with pytest.raises(Unprocessable) as refused:
        writes.update(any_kg, BAD_INSERT)
    shapes = {r["source_shape"] for r in refused.value.details["report"]["results"]}
    assert "https://w3id.org/fazhi/shapes#PolicyDocument-source" in shapes
    report = Graph().parse(data=refused.value.details["report_turtle"], format="turtle")
    assert (None, URIRef("http://www.w3.org/ns/shacl#conforms"), Literal(False)) in report
    assert dump(any_kg) == before and any_kg.version == version


def test_one_bad_graph_refuses_the_whole_update(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    before = dump(any_kg)
    both = BAD_INSERT + " ; " + comment_update("fine", OTHER)
    with pytest.raises(Unprocessable):
        writes.update(any_kg, both)
    assert dump(any_kg) == before


def test_removing_a_required_label_is_refused(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    with pytest.raises(Unprocessable):
        writes.update(
            any_kg, f'DELETE DATA {{ GRAPH <{GRAPH}> {{ <{GOV}> <{RDFS.label}> "市政府"@zh }} }}'
        )


def test_stored_integers_still_validate(disk_kg: KnowledgeGraph) -> None:
    """Oxigraph stores "0"^^xsd:nonNegativeInteger as "0"^^xsd:integer; writes must still pass."""
    _put(disk_kg)
    held = disk_kg.dataset.graph(URIRef(GRAPH))
    offsets = set(
        held.objects(
            None,
            URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
        )
    )
    assert offsets == {Literal("0", datatype=XSD.integer)}
    writes.update(disk_kg, comment_update("after a round trip"))


def test_post_merges_and_delete_removes(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    extra = f'<{GOV}> <{RDFS.comment}> "merged" .'.encode()
    assert writes.post_graph(any_kg, GRAPH, extra, ox.RdfFormat.N_TRIPLES).graphs == {GRAPH: 25}
    writes.delete_graph(any_kg, GRAPH)
    assert GRAPH not in any_kg.store.named_graphs()
    with pytest.raises(NotFound):
        writes.delete_graph(any_kg, GRAPH)
    with pytest.raises(NotFound):
        writes.get_graph(any_kg, GRAPH)


def test_the_time_limit_stops_a_write_and_changes_nothing(memory_kg: KnowledgeGraph) -> None:
    before = dump(memory_kg)
    with pytest.raises(Timeout):
        writes.put_graph(
            memory_kg, GRAPH, REPORT.read_bytes(), TURTLE, writes.WriteLimits(timeout=0.05)
        )
    assert dump(memory_kg) == before


def test_triple_caps(memory_kg: KnowledgeGraph) -> None:
    small = writes.WriteLimits(max_triples=5)
    with pytest.raises(BadRequest, match="more than 5 triples"):
        writes.put_graph(memory_kg, GRAPH, REPORT.read_bytes(), TURTLE, small)
    _put(memory_kg)
    with pytest.raises(TooLarge):
        writes.update(memory_kg, f"COPY <{GRAPH}> TO <{OTHER}>", small)


def test_load_is_refused_before_anything_runs(memory_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="LOAD"):
        writes.update(memory_kg, f"LOAD <file://{REPORT}> INTO GRAPH <{GRAPH}>")
    assert GRAPH not in memory_kg.store.named_graphs()


def test_update_reads_the_graphs_it_names(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    writes.update(
        any_kg,
        f'INSERT {{ GRAPH <{GRAPH}> {{ ?s <{RDFS.comment}> "copied" }} }} '
        f"WHERE {{ GRAPH <{GRAPH}> {{ ?s a <http://www.w3.org/ns/org#Organization> }} }}",
    )
    assert len(list(any_kg.dataset.graph(URIRef(GRAPH)).triples((None, RDFS.comment, None)))) == 2


def test_where_over_the_default_graph_is_refused_not_silently_empty(any_kg: KnowledgeGraph) -> None:
    """Queries see the union of all graphs; an update's WHERE would see the unnamed default
    graph only, matching nothing, so it is refused with what to write instead."""
    _put(any_kg)
    with pytest.raises(QueryError, match=r"use GRAPH <…> \{ … \} in WHERE"):
        writes.update(
            any_kg,
            f'INSERT {{ GRAPH <{GRAPH}> {{ ?s <{RDFS.comment}> "x" }} }} '
            "WHERE { ?s a <http://www.w3.org/ns/org#Organization> }",
        )


def test_where_over_any_named_graph_reads_them_all(any_kg: KnowledgeGraph) -> None:
    _put(any_kg)
    writes.update(
        any_kg,
        f'INSERT {{ GRAPH <{GRAPH}> {{ ?s <{RDFS.comment}> "found" }} }} '
        "WHERE { GRAPH ?g { ?s a <http://www.w3.org/ns/org#Organization> } }",
    )
    comments = any_kg.dataset.graph(URIRef(GRAPH)).triples((None, RDFS.comment, None))
    assert len(list(comments)) == 2
