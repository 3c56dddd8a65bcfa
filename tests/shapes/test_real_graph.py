"""The bundled graph conforms; mutated copies of it fire the shape each mutation breaks.

Nodes are found by SPARQL on values and labels, never by IRIs typed here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS

from graph.kg import KnowledgeGraph
from graph.load import ONTOLOGY_GRAPH, report_graph_iri
from graph.namespaces import FZ, FZSH, SDMX_ATTR, SDMX_MEASURE, sparql_prologue
from graph.validate import validate

REPORT = report_graph_iri("yanji-2020")


@pytest.fixture(scope="module")
def ontology(real_kg: KnowledgeGraph) -> Graph:
    return real_kg.dataset.graph(ONTOLOGY_GRAPH)


@pytest.fixture()
def report(real_kg: KnowledgeGraph) -> Graph:
    """A fresh copy of the Yanji 2020 report graph for each test to mutate."""
    copy = Graph()
    for triple in real_kg.dataset.graph(REPORT):
        copy.add(triple)
    assert len(copy) > 1000
    return copy


def one(graph: Graph, select: str, where: str) -> tuple[URIRef, ...]:
    """The one row of ``SELECT select WHERE { where }`` (fails unless exactly one matches)."""
    rows = list(graph.query(sparql_prologue() + f"SELECT {select} WHERE {{ {where} }}"))
    assert len(rows) == 1, (where, rows)
    return tuple(rows[0])  # type: ignore[arg-type]


def violations(report: Graph, ontology: Graph) -> set[tuple[URIRef, URIRef]]:
    result = validate(report, ontology=ontology)
    return {(URIRef(r.source_shape), URIRef(r.focus)) for r in result.violations}


def set_value(graph: Graph, node: URIRef, value: object) -> None:
    graph.set((node, SDMX_MEASURE.obsValue, Literal(value)))


def test_bundled_graph_conforms(real_kg: KnowledgeGraph) -> None:
    result = validate(real_kg.dataset)
    assert [r for r in result.results if r.severity != "Info"] == []
    assert result.conforms


def breakdown_no_longer_sums(g: Graph) -> tuple[URIRef, URIRef]:
    total, part = one(
        g,
        "?total ?part",
        "?total fz:partitionedInto ?part ; sdmx-measure:obsValue 39 ."
        " ?part sdmx-measure:obsValue 32",
    )
    set_value(g, part, 31)
    return FZSH["Observation-partitionSum"], total


def rate_disagrees_with_counts(g: Graph) -> tuple[URIRef, URIRef]:
    rate, numerator = one(
        g, "?rate ?n", "?rate fz:numerator ?n ; fz:denominator ?d ; sdmx-measure:obsValue 90.25"
    )
    set_value(g, numerator, 800)
    return FZSH["Observation-rate"], rate


def percentage_of_120(g: Graph) -> tuple[URIRef, URIRef]:
    (obs,) = one(g, "?obs", '?obs fz:statedAs "82%" ; sdmx-attribute:unitMeasure fzc:unit-percent')
    set_value(g, obs, 120.0)
    return FZSH["Observation-percent"], obs


def figure_without_unit(g: Graph) -> tuple[URIRef, URIRef]:
    (obs,) = one(
        g, "?obs", "?obs sdmx-measure:obsValue 1651 ; sdmx-attribute:unitMeasure fzc:unit-jian"
    )
    g.remove((obs, SDMX_ATTR.unitMeasure, None))
    return FZSH["Observation-unit"], obs


def observation_without_source(g: Graph) -> tuple[URIRef, URIRef]:
    (obs,) = one(g, "?obs", "?obs sdmx-measure:obsValue 1651 ; fz:valueStatus fzc:status-reported")
    g.remove((obs, PROV.wasDerivedFrom, None))
    return FZSH["Observation-source"], obs


def label_missing_english(g: Graph) -> tuple[URIRef, URIRef]:
    (body,) = one(g, "?body", '?body a org:Organization ; rdfs:label "市人民法院"@zh')
    for label in [o for o in g.objects(body, RDFS.label) if getattr(o, "language", None) == "en"]:
        g.remove((body, RDFS.label, label))
    return FZSH.label, body


def wrong_iri_pattern(g: Graph) -> tuple[URIRef, URIRef]:
    (body,) = one(g, "?body", '?body a org:Organization ; rdfs:label "市人民法院"@zh')
    renamed = URIRef(str(body).replace("/id/org/", "/id/organisation/"))
    for s, p, o in list(g):
        if body in (s, o):
            g.remove((s, p, o))
            g.add((renamed if s == body else s, p, renamed if o == body else o))
    return FZSH.Organization, renamed


def derived_without_formula(g: Graph) -> tuple[URIRef, URIRef]:
    (obs,) = one(g, "?obs", "?obs fz:valueStatus fzc:status-derived ; sdmx-measure:obsValue 933")
    g.remove((obs, FZ.derivationFormula, None))
    return FZSH["Observation-derivationFormula"], obs


def part_exceeds_whole(g: Graph) -> tuple[URIRef, URIRef]:
    (part,) = one(
        g,
        "?part",
        "?part fz:subsetOf ?whole ; sdmx-measure:obsValue 11 . ?whole sdmx-measure:obsValue 49",
    )
    set_value(g, part, 60)
    return FZSH["Observation-subsetBound"], part


MUTATIONS: list[Callable[[Graph], tuple[URIRef, URIRef]]] = [
    breakdown_no_longer_sums,
    rate_disagrees_with_counts,
    percentage_of_120,
    figure_without_unit,
    observation_without_source,
    label_missing_english,
    wrong_iri_pattern,
    derived_without_formula,
    part_exceeds_whole,
]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__)
def test_mutated_real_graph_fires_the_shape(mutate, report: Graph, ontology: Graph) -> None:
    expected = mutate(report)
    assert violations(report, ontology) == {expected}
