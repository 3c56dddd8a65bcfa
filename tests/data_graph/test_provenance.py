"""Every fact node points to a sentence that carries it; every sentence slices its source."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.kg import KnowledgeGraph
from graph.load import ONTOLOGY_GRAPH, report_graph_iri
from graph.namespaces import ELI, FZ, FZC, NIF, ORG
from graph.paths import SOURCES_DIR

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
# The report lists the five teams as "市场监管、…、农业综合执法队伍": the shared head noun is
# printed once, so each team's own label is not verbatim in its sentence.
TEAM_HEAD = "综合执法队伍"


@pytest.fixture(scope="module")
def report(real_kg: KnowledgeGraph):
    return real_kg.dataset.graph(report_graph_iri("yanji-2020"))


@pytest.fixture(scope="module")
def text() -> str:
    return (SOURCES_DIR / "yanji-2020.txt").read_text(encoding="utf-8")


def sentences_of(report, node) -> list[str]:
    return [
        str(report.value(s, NIF.anchorOf))
        for s in report.objects(node, PROV_DERIVED)
        if (s, RDF.type, FZ.ReportSentence) in report
    ]


def nodes(report, *classes) -> set:
    return {s for cls in classes for s in report.subjects(RDF.type, cls)}


def test_sentence_offsets_slice_the_source(report, text):
    sentences = nodes(report, FZ.ReportSentence)
    assert len(sentences) == 83
    for s in sentences:
        begin, end = int(report.value(s, NIF.beginIndex)), int(report.value(s, NIF.endIndex))
        assert text[begin:end] == str(report.value(s, NIF.anchorOf)), s


@pytest.mark.parametrize(
    "cls",
    [
        FZ.Observation,
        FZ.PolicyDocument,
        ORG.Organization,
        FZ.Activity,
        FZ.Problem,
        FZ.PlannedTask,
        FZ.DocumentGroup,
        FZ.InferredLink,
        FZ.Platform,
        FZ.AdministrativeArea,
    ],
)
def test_every_fact_node_has_a_source_sentence(report, cls):
    instances = nodes(report, cls)
    assert instances
    assert [n for n in instances if not sentences_of(report, n)] == []


def test_every_mechanism_in_the_report_graph_has_a_source_sentence(real_kg, report):
    mechanisms = {s for s in report.subjects() if str(s).startswith(f"{FZC}mech-")}
    assert len(mechanisms) >= 40
    for m in mechanisms:
        assert sentences_of(report, m), m


def test_figures_and_titles_are_in_their_sentences(report):
    for obs in nodes(report, FZ.Observation):
        if report.value(obs, FZ.valueStatus) != FZC["status-reported"]:
            continue
        stated = str(report.value(obs, FZ.statedAs))
        assert any(stated in s for s in sentences_of(report, obs)), (obs, stated)
    for doc in nodes(report, FZ.PolicyDocument):
        title = str(report.value(doc, ELI.title))
        assert any(title in s for s in sentences_of(report, doc)), doc


def test_body_names_are_in_their_sentences(report):
    for body in nodes(report, ORG.Organization):
        name = next(str(x) for x in report.objects(body, RDFS.label) if x.language == "zh")
        name = name.removesuffix(TEAM_HEAD) if name.endswith(TEAM_HEAD) else name
        assert any(name in s for s in sentences_of(report, body)), body


def test_mechanism_names_are_in_their_sentences(real_kg, report):
    ontology = real_kg.dataset.graph(ONTOLOGY_GRAPH)
    for m in {s for s in report.subjects() if str(s).startswith(f"{FZC}mech-")}:
        names = {
            str(x)
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for x in ontology.objects(m, p)
            if isinstance(x, Literal) and x.language == "zh"
        }
        assert any(n in s for n in names for s in sentences_of(report, m)), m


def test_every_instance_has_one_label_per_language(report):
    for node in set(report.subjects(RDFS.label, None)):
        langs = [x.language for x in report.objects(node, RDFS.label)]
        assert sorted(langs) == ["en", "zh"], node
