"""graph.query.run: the worker pool, the dataset rules, the caps, and Oxigraph vs rdflib."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from graph import paths
from graph.errors import QueryError, Timeout
from graph.kg import KnowledgeGraph
from graph.load import named_graphs
from graph.query import Limits, run
from graph.query.pool import WorkerCrashed

# Queries on the tiny graph that exercise engine differences (examples run on the real one).
TINY_QUERIES = [
    "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(lang(?l) = 'zh') }",
    "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class",
    "SELECT ?doc ?body ?x WHERE { ?doc eli:passed_by ?body OPTIONAL { ?body fz:level ?x } }",
    "SELECT ?o WHERE { ?o sdmx-measure:obsValue ?v FILTER(?v > 10) }",
    "SELECT ?s WHERE { ?s nif:anchorOf ?t FILTER(CONTAINS(?t, '府院联动')) }",
    "SELECT ?x ?y WHERE { ?x (fz:participant|^eli:passed_by)+ ?y }",
    "ASK { ?s a fz:Mechanism }",
    "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?d eli:passed_by ?b . ?b rdfs:label ?l }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
]


# Oxigraph stores values of derived XSD types as their primitive type (a documented property of
# its storage): "159"^^xsd:nonNegativeInteger comes back as "159"^^xsd:integer. Same value.
PRIMITIVE = {
    XSD[name]: XSD.integer
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
} | {XSD.dateTimeStamp: XSD.dateTime}


def _key(term: object) -> object:
    if isinstance(term, BNode):
        return "_:b"
    if isinstance(term, Literal):
        value = term.toPython()
        datatype = PRIMITIVE.get(term.datatype, term.datatype)  # type: ignore[arg-type]
        return (value if not isinstance(value, Literal) else str(term), datatype, term.language)
    return term


def results_equal(kg: KnowledgeGraph, query: str) -> None:
    """``query`` gives the same answer on pyoxigraph (through run) and on rdflib's engine."""
    expected = kg.dataset.query(query)
    got = run(kg, query, limits=Limits(timeout=30))
    if got.kind == "graph":
        assert expected.graph is not None
        assert isomorphic(Graph().parse(data=got.body, format="nt"), expected.graph)
    elif got.kind == "ask":
        assert pyoxigraph.parse_query_results(got.body, format=pyoxigraph.QueryResultsFormat.JSON)
        assert bool(expected.askAnswer) == (b"true" in got.body)
    else:
        ours = Result.parse(io.BytesIO(got.serialize("json")), format="json")
        names = [str(v) for v in ours.vars or []]
        assert names == [str(v) for v in expected.vars or []] or sorted(names) == sorted(
            str(v) for v in expected.vars or []
        )

        def rows(result: Result) -> Counter:
            return Counter(
                tuple(_key(row.get(n)) for n in sorted(names))
                for row in (r.asdict() for r in result)
            )  # type: ignore[union-attr]

        assert rows(ours) == rows(expected)


@pytest.mark.parametrize("query", TINY_QUERIES)
def test_tiny_queries_agree(tiny_kg: KnowledgeGraph, query: str) -> None:
    results_equal(tiny_kg, query)


EXAMPLES = sorted(paths.EXAMPLES_DIR.glob("*.rq"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_queries_agree(real_kg: KnowledgeGraph, path: Path) -> None:
    results_equal(real_kg, path.read_text(encoding="utf-8"))


def test_default_graph_is_the_union_of_the_graphs_quads(tiny_kg: KnowledgeGraph) -> None:
    """Oxigraph's union default graph is a union of quads: a triple stated in two graphs
    (here ``fzc:mech-fuyuan-liandong a fz:Mechanism``, in the ontology and in the report)
    matches once per graph, unlike rdflib's merge. Documented; DISTINCT removes it."""
    quads = sum(len(tiny_kg.dataset.graph(g)) for g in named_graphs(tiny_kg.dataset))
    result = run(tiny_kg, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", fmt="json")
    assert f'"value":"{quads}"'.encode() in result.body
    distinct = run(
        tiny_kg, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT * { ?s ?p ?o } }", fmt="json"
    )
    assert f'"value":"{len(tiny_kg.dataset)}"'.encode() in distinct.body


def test_update_and_service_never_reach_the_engine(tiny_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="read-only"):
        run(tiny_kg, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryError, match="SERVICE"):
        run(tiny_kg, "SELECT * { SERVICE <http://127.0.0.1:9/> { } }")


def test_unterminated_string_is_a_parser_error(tiny_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="malformed"):
        run(tiny_kg, 'SELECT * { "unterminated SERVICE <http://127.0.0.1:9/> { } }')


def test_timeout(tiny_kg: KnowledgeGraph) -> None:
    with pytest.raises(Timeout):
        run(
            tiny_kg,
            "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            limits=Limits(timeout=0.5),
        )
    assert b"true" in run(tiny_kg, "ASK {}").body


def test_serialize_converts_between_formats(tiny_kg: KnowledgeGraph) -> None:
    result = run(tiny_kg, "SELECT ?s { ?s a fz:Mechanism }")
    assert result.fmt == "json"
    assert b"mech-fuyuan-liandong" in result.serialize("xml")
    with pytest.raises(QueryError):
        result.serialize("ttl")


def test_workers_refresh_after_a_write() -> None:
    kg = KnowledgeGraph.load([Path(__file__).parent.parent / "data" / "tiny.ttl"], bundled=False)
    ask = "ASK { <urn:new> <urn:p> 'added' }"
    assert b"false" in run(kg, ask).body
    kg.dataset.graph(URIRef("urn:g")).add((URIRef("urn:new"), URIRef("urn:p"), Literal("added")))
    kg.touch()
    assert b"true" in run(kg, ask).body


def test_memory_cap_stops_a_query_and_the_pool_recovers() -> None:
    kg = KnowledgeGraph.load([Path(__file__).parent.parent / "data" / "tiny.ttl"], bundled=False)
    limits = Limits(memory_mb=100, timeout=20)
    with pytest.raises(WorkerCrashed):
        # sorting a cartesian product materialises millions of rows
        run(kg, "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1", limits=limits)
    assert b"true" in run(kg, "ASK {}", limits=limits).body


class _FailingStore:
    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def query(self, *args: object, **kwargs: object) -> None:
        raise self.exc


def test_only_the_querys_own_failures_are_400() -> None:
    from graph.query.worker import Job, evaluate

    job = Job("ASK {}", "ask", None, True, None, None, 10, 10)
    refused = evaluate(_FailingStore(RuntimeError("unbound SERVICE variable")), job)  # type: ignore[arg-type]
    assert (refused.ok, refused.status) == (False, 400)
    for engine_fault in (OSError("disk gone"), ValueError("bad argument")):
        with pytest.raises(type(engine_fault)):  # serve() turns these into a generic 500
            evaluate(_FailingStore(engine_fault), job)  # type: ignore[arg-type]
