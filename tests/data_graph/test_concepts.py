"""The concept schemes in ontology/concepts/: labels, definitions, schemes and slugs."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph.namespaces import FZ, FZC, ISOTHES
from graph.paths import CONCEPTS_DIR

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FILES = sorted(CONCEPTS_DIR.glob("*.ttl"))


def langs(graph: Graph, node, prop) -> list[str]:
    return sorted(o.language or "" for o in graph.objects(node, prop) if isinstance(o, Literal))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_scheme_file(path):
    assert path.read_text(encoding="utf-8").startswith("# ")  # header comment
    graph = Graph().parse(path, format="turtle")
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    assert langs(graph, schemes[0], DCTERMS.title) == ["en", "zh"]
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for c in concepts:
        assert str(c).startswith(str(FZC)) and SLUG.fullmatch(str(c)[len(FZC) :]), c
        assert langs(graph, c, SKOS.prefLabel) == ["en", "zh"], c
        assert langs(graph, c, SKOS.definition) == ["en", "zh"], c
        assert list(graph.objects(c, SKOS.inScheme)) == [schemes[0]], c
        for prop in (SKOS.altLabel, SKOS.hiddenLabel):
            assert set(langs(graph, c, prop)) <= {"zh"}, c
        pref = {str(o) for o in graph.objects(c, SKOS.prefLabel)}
        assert not pref & {str(o) for o in graph.objects(c, SKOS.altLabel)}, c


def load(name: str) -> Graph:
    return Graph().parse(CONCEPTS_DIR / name, format="turtle")


def test_three_systems_has_exactly_its_three_components():
    graph = load("mechanisms.ttl")
    three = FZC["mech-three-systems"]
    components = set(graph.objects(three, FZ.hasComponent))
    assert components == {
        FZC["mech-enforcement-publicity"],
        FZC["mech-enforcement-full-record"],
        FZC["mech-major-decision-legal-review"],
    }
    assert set(graph.objects(three, ISOTHES.narrowerPartitive)) == components
    for c in components:  # canonical names the report never uses
        assert graph.value(c, FZ.labelSource) == FZC["status-external"]


def test_campaigns_are_mechanisms_too():
    graph = load("mechanisms.ttl")
    campaigns = set(graph.subjects(RDF.type, FZ.Campaign))
    assert FZC["mech-anti-gang"] in campaigns
    assert all((c, RDF.type, FZ.Mechanism) in graph for c in campaigns)


def test_units_map_to_qudt():
    graph = load("units.ttl")
    unit = "http://qudt.org/vocab/unit/"
    assert graph.value(FZC["unit-percent"], SKOS.exactMatch) == URIRef(unit + "PERCENT")
    words = set(graph.subjects(RDF.type, FZ.Unit)) - {FZC["unit-percent"]}
    assert {str(graph.value(w, SKOS.prefLabel)) for w in words} >= {
        "件",
        "项",
        "个",
        "户次",
        "人次",
        "起",
    }
    assert all(graph.value(w, SKOS.broadMatch) == URIRef(unit + "NUM") for w in words)


def test_about_fifty_indicators():
    graph = load("indicators.ttl")
    assert 50 <= len(set(graph.subjects(RDF.type, FZ.Indicator))) <= 70
