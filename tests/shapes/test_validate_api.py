"""graph.validate.validate: datasets validated graph by graph, severities, report formats."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from graph import paths
from graph.load import ONTOLOGY_GRAPH
from graph.namespaces import FZSH, SDMX_ATTR
from graph.validate import SH, validate

from .fixtures import BASE, CONCEPTS

OBS = URIRef("https://w3id.org/fazhi/id/obs/demo-2020/reconsideration-received")
CONCEPT = "https://w3id.org/fazhi/concept/"
STRAY = URIRef(f"{CONCEPT}status-stray")


def fixture_ontology() -> Graph:
    return Graph().parse(paths.ONTOLOGY_FILE).parse(CONCEPTS)


def test_dataset_report_graphs_are_validated_separately_with_the_ontology() -> None:
    dataset = Dataset()
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for triple in fixture_ontology():
        ontology.add(triple)
    # An ontology finding (a concept in no scheme) must be reported once, not once per report.
    ontology.add((STRAY, RDF.type, SKOS.Concept))
    ontology.add((STRAY, SKOS.prefLabel, Literal("游离", lang="zh")))
    for name in ("a", "b"):
        report = dataset.graph(URIRef(f"https://w3id.org/fazhi/id/graph/{name}"))
        report.parse(BASE)
    dataset.graph(URIRef("https://w3id.org/fazhi/id/graph/b")).remove(
        (OBS, SDMX_ATTR.unitMeasure, None)
    )
    result = validate(dataset)
    fired = sorted(
        (r.source_shape.rsplit("#")[-1], r.focus.rsplit("/")[-1]) for r in result.violations
    )
    assert fired == [
        ("Concept-definition", "status-stray"),
        ("Concept-inScheme", "status-stray"),
        ("Concept-prefLabel", "status-stray"),
        ("Observation-unit", "reconsideration-received"),
    ]
    assert not result.conforms


def test_warnings_and_infos_do_not_fail() -> None:
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{FZSH}w> a sh:NodeShape ; sh:targetNode <{OBS}> ; sh:severity sh:Warning ;
            sh:message "警告"@zh , "warning"@en ; sh:property <{FZSH}w-p> .
        <{FZSH}w-p> a sh:PropertyShape ; sh:path <urn:missing> ; sh:minCount 1 ;
            sh:severity sh:Warning ; sh:message "缺少"@zh , "missing"@en .
        """,
        format="turtle",
    )
    result = validate(Graph().parse(BASE), ontology=fixture_ontology(), shapes=shapes)
    assert result.conforms
    assert [(r.severity, r.message_zh, r.message_en) for r in result.results] == [
        ("Warning", "缺少", "missing")
    ]


def test_report_formats_agree() -> None:
    data = Graph().parse(BASE)
    data.remove((OBS, SDMX_ATTR.unitMeasure, None))
    result = validate(data, ontology=fixture_ontology())
    as_json = result.to_json()
    assert as_json["conforms"] is False
    assert as_json["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    (entry,) = as_json["results"]
    assert entry["focus"] == str(OBS)
    assert entry["source_shape"] == str(FZSH["Observation-unit"])
    assert entry["path"] == str(SDMX_ATTR.unitMeasure)
    report = Graph().parse(data=result.to_turtle(), format="turtle")
    (node,) = report.subjects(SH.sourceShape, FZSH["Observation-unit"])
    assert report.value(node, SH.focusNode) == OBS
    langs = sorted(m.language for m in report.objects(node, SH.resultMessage))  # type: ignore[attr-defined]
    assert langs == ["en", "zh"]


def test_complex_paths_are_sparql_paths() -> None:
    data = Graph().parse(BASE)
    gov = URIRef("https://w3id.org/fazhi/id/org/demo-gov")
    data.add(
        (gov, URIRef("https://w3id.org/fazhi/ontology#level"), URIRef(f"{CONCEPT}area-functions"))
    )
    (result,) = validate(data, ontology=fixture_ontology()).results
    assert result.path == (
        "<https://w3id.org/fazhi/ontology#level> / <http://www.w3.org/2004/02/skos/core#inScheme>"
    )
