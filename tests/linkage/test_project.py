"""The projection: resources are nodes, literals and schema plumbing are attributes."""

from __future__ import annotations

import math
from collections.abc import Iterator

import networkx as nx
import pytest

from graph import namespaces
from graph.kg import KnowledgeGraph
from graph.linktable import LINKS
from graph.namespaces import PREFIXES, curie, expand
from graph.project import project

from .conftest import COURT, FUYUAN, RECON, RULES

PLUMBING = {
    "ReportSentence",
    "ReportParagraph",
    "AnnualReport",
    "Unit",
    "Indicator",
    "ProperInterval",
}


@pytest.fixture(scope="module")
def graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.projection()


def test_projection_is_cached_per_version(kg: KnowledgeGraph) -> None:
    assert kg.projection() is kg.projection()


def test_nodes_are_curies_with_the_contract_attributes(graph: nx.MultiDiGraph) -> None:
    rules = graph.nodes[RULES]
    assert rules["iri"] == "https://w3id.org/fazhi/id/doc/tiny-fuyuan-rules"
    assert rules["class"] == "PolicyDocument"
    assert rules["class_iri"] == "https://w3id.org/fazhi/ontology#PolicyDocument"
    assert rules["label"] == rules["label_zh"] == "《关于建立府院联动机制的工作规则》"
    assert rules["label_en"].startswith("Working rules")
    assert rules["title_zh"] == "关于建立府院联动机制的工作规则"
    for node, data in graph.nodes(data=True):
        assert curie(data["iri"]) == node
        for key in ("iri", "class", "class_iri", "label"):
            assert key in data, (node, key)


def test_no_plumbing_or_literal_becomes_a_node(graph: nx.MultiDiGraph) -> None:
    classes = {data["class"] for _, data in graph.nodes(data=True)}
    assert not classes & PLUMBING
    for node in graph:
        assert not node.startswith(("fzid:period/", "fzc:unit-", "fzc:ind-", "fzid:report/"))
        assert not node.startswith(("fzid:dataset/", "fzc:status-", "fzid:inferred/"))
        assert node not in {"fzc:mechanisms", "fzc:areas", "fzc:units", "fzc:indicators"}


def test_attribute_values_are_plain_and_never_missing(graph: nx.MultiDiGraph) -> None:
    for _, data in graph.nodes(data=True):
        for value in data.values():
            assert isinstance(value, str | int | float | bool)
            assert not (isinstance(value, float) and math.isnan(value))


def test_observation_keeps_value_unit_period_as_attributes(graph: nx.MultiDiGraph) -> None:
    received = graph.nodes["fzid:obs/fix/recon-received"]
    assert received["value"] == 17 and isinstance(received["value"], int)
    assert received["unit"] == "fzc:unit-jian"
    assert received["unit_zh"] == "件"
    assert received["period"] == "fzid:period/2020"
    assert received["period_zh"] == "2020年"
    assert received["stated_as"] == "17 件"
    assert received["ref_area"] == "fzid:place/fix"
    assert graph.nodes["fzid:obs/fix/rate"]["value"] == 16.5
    assert graph.nodes["fzid:obs/fix/recon-open"]["derivation_formula"] == "17 - 16"


def test_edges_carry_predicate_and_labels(graph: nx.MultiDiGraph) -> None:
    data = graph.edges[RULES, FUYUAN, "fz:establishes"]
    assert data["predicate"] == "https://w3id.org/fazhi/ontology#establishes"
    assert data["predicate_curie"] == "fz:establishes"
    assert data["label_zh"] and data["label_en"]
    assert data["assertion_status"] == "reported"
    assert graph.has_edge(RULES, COURT, "eli:passed_by")
    for _, _, key, edge in graph.edges(keys=True, data=True):
        assert expand(key) == edge["predicate"]
        assert any(str(p) == edge["predicate"] for p in LINKS)


def test_inferred_link_is_an_edge_marked_inferred(graph: nx.MultiDiGraph) -> None:
    data = graph.edges[RECON, FUYUAN, "fz:relatedMechanism"]
    assert data["assertion_status"] == "inferred"


def test_literal_predicates_never_make_edges(graph: nx.MultiDiGraph) -> None:
    keys = {k for _, _, k in graph.edges(keys=True)}
    assert not keys & {"rdf:type", "skos:inScheme", "qb:dataSet", "prov:wasDerivedFrom"}
    assert not keys & {"sdmx-dimension:refPeriod", "sdmx-attribute:unitMeasure", "fz:indicator"}


def test_project_is_a_pure_function_of_the_dataset(kg: KnowledgeGraph) -> None:
    again = project(kg.dataset)
    graph = kg.projection()
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges(keys=True)) == set(graph.edges(keys=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://w3id.org/fazhi/id/org/x", "fzid:org/x"),
        ("https://w3id.org/fazhi/concept/mech-a", "fzc:mech-a"),
        ("http://example.org/x", "http://example.org/x"),
    ],
)
def test_curie_round_trips(text: str, expected: str) -> None:
    assert curie(text) == expected
    assert expand(expected) == text


@pytest.fixture()
def nested_prefix(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A prefix whose namespace lies inside fzid:'s, declared after it (first match: fzid:)."""
    namespace = PREFIXES["fzid"] + "org/"
    monkeypatch.setattr(namespaces, "PREFIXES", {**PREFIXES, "fzorg": namespace})
    namespaces._curie.cache_clear()
    yield namespace
    namespaces._curie.cache_clear()


def test_curie_takes_the_longest_namespace(nested_prefix: str) -> None:
    assert curie(nested_prefix + "x") == "fzorg:x"
    assert curie(PREFIXES["fzid"] + "doc/x") == "fzid:doc/x"


@pytest.mark.parametrize(
    "text",
    ["https://w3id.org/fazhi/id/", "nope:x", "fzid:", "http://example.org/x", "府院联动", ""],
)
def test_what_is_not_a_curie_stays_as_it_is(text: str) -> None:
    assert expand(text) == text
    assert curie(text) == text
