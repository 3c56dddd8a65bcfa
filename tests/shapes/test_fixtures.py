"""Every shape fires on its violating fixture, at the expected focus node, and on nothing else."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef

from graph import paths
from graph.namespaces import FZSH
from graph.validate import SH, shapes_graph, validate

from .fixtures import BASE, CONCEPTS, CONFORMING, VIOLATING, Fixture

# Parameters that only wire a shape up; a shape with nothing else has no constraint of its own.
WIRING = {
    RDF.type,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.property,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph().parse(paths.ONTOLOGY_FILE)
    return graph.parse(CONCEPTS)


@pytest.fixture(scope="module")
def base() -> Graph:
    return Graph().parse(BASE)


def fired(data: Graph, ontology: Graph) -> set[tuple[URIRef, URIRef]]:
    report = validate(data, ontology=ontology)
    return {(URIRef(r.source_shape), URIRef(r.focus)) for r in report.results}


def test_base_fixture_has_no_results(base: Graph, ontology: Graph) -> None:
    report = validate(base, ontology=ontology)
    assert report.conforms
    assert report.results == []


@pytest.mark.parametrize("path", CONFORMING, ids=lambda p: p.stem)
def test_conforming_fixture(path, base: Graph, ontology: Graph) -> None:
    data = Fixture.read(path).graph(base)
    assert fired(data, ontology) == set()


@pytest.mark.parametrize("path", VIOLATING, ids=lambda p: p.stem)
def test_violating_fixture_fires_exactly_its_shape(path, base: Graph, ontology: Graph) -> None:
    fixture = Fixture.read(path)
    assert fixture.expect, f"{path.name} declares no '# expect:' line"
    report = validate(fixture.graph(base), ontology=ontology)
    got = {(URIRef(r.source_shape), URIRef(r.focus)) for r in report.results}
    assert got == fixture.expect
    severities = {r.severity for r in report.results}
    assert report.conforms == ("Violation" not in severities)


def own_constraint_shapes() -> set[URIRef]:
    shapes = shapes_graph()
    named = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }
    return {s for s in named if set(shapes.predicates(s)) - WIRING}


def test_every_shape_has_a_violating_fixture() -> None:
    covered = {shape for path in VIOLATING for shape, _ in Fixture.read(path).expect}
    missing = sorted(str(s).removeprefix(str(FZSH)) for s in own_constraint_shapes() - covered)
    assert missing == []


def test_every_named_shape_has_zh_and_en_messages() -> None:
    shapes = shapes_graph()
    for shape in own_constraint_shapes():
        langs = sorted(m.language for m in shapes.objects(shape, SH.message))  # type: ignore[attr-defined]
        assert langs == ["en", "zh"], shape
