"""QC queries (ontology/queries/qc/*-violation.rq): zero rows on the real graph, and each one
catches the problem it names in a small bad graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from graph import paths
from graph.kg import KnowledgeGraph

QC = sorted(paths.QC_DIR.glob("*-violation.rq"))

# One small graph with a problem for every QC query.
BAD = """
@prefix fz: <https://w3id.org/fazhi/ontology#> .
@prefix fzc: <https://w3id.org/fazhi/concept/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
fz:Odd rdfs:isDefinedBy <https://w3id.org/fazhi/ontology> ; rdfs:label "怪"@zh-Hans .
fzc:odd a skos:Concept ; skos:prefLabel "odd"@en .
<https://w3id.org/fazhi/id/org/x> rdfs:label "某机构"@zh .
<https://w3id.org/fazhi/id/org/y> rdfs:label "some body"@en .
<https://w3id.org/fazhi/id/org/市政府> rdfs:label "市政府"@zh , "city government"@en .
<https://w3id.org/fazhi/id/s> a fz:ReportSentence ; nif:anchorOf "受理17件。" ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "9"^^xsd:nonNegativeInteger .
<https://w3id.org/fazhi/id/obs/r/a> a fz:Observation ; fz:valueStatus fzc:status-reported ;
    fz:statedAs "18件" ; prov:wasDerivedFrom <https://w3id.org/fazhi/id/s> ;
    qb:dataSet <https://w3id.org/fazhi/id/dataset/r-derived> .
<https://w3id.org/fazhi/id/obs/r/b> a fz:Observation ; fz:valueStatus fzc:status-reported .
"""


def rows(store: pyoxigraph.Store, path: Path) -> list[list[str]]:
    result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    return [[str(term) for term in row] for row in result]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def bad_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(BAD.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def test_there_are_qc_queries() -> None:
    assert len(QC) >= 8


@pytest.mark.parametrize("path", QC, ids=lambda p: p.stem)
def test_qc_query_returns_nothing_on_the_real_graph(path: Path, real_kg: KnowledgeGraph) -> None:
    assert rows(real_kg.oxigraph, path) == []


@pytest.mark.parametrize("path", QC, ids=lambda p: p.stem)
def test_qc_query_catches_its_problem(path: Path, bad_store: pyoxigraph.Store) -> None:
    assert rows(bad_store, path) != []
