"""The TBox: the closed Python namespace, the file's header, and bilingual labels on every term."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph import paths
from graph.load import ontology_graph
from graph.namespaces import FZ, ONTOLOGY_IRI, VANN

FZ_NS = str(FZ._NS)
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return Graph().parse(paths.ONTOLOGY_FILE, format="turtle")


def declared(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(FZ_NS)}


def test_python_namespace_equals_declared_terms(tbox: Graph) -> None:
    in_python = {URIRef(FZ_NS + name) for name in FZ.__annotations__}
    assert set(dir(FZ)) == in_python
    assert sorted(in_python - declared(tbox)) == []  # in Python, not in fazhi.ttl
    assert sorted(declared(tbox) - in_python) == []  # in fazhi.ttl, not in Python


def test_closed_namespace_refuses_typos() -> None:
    with pytest.raises(AttributeError):
        _ = FZ.Regulaton
    assert FZ.PolicyDocument == URIRef(FZ_NS + "PolicyDocument")


def test_every_term_is_typed_once(tbox: Graph) -> None:
    for term in declared(tbox):
        types = set(tbox.objects(term, RDF.type)) & TERM_TYPES
        assert len(types) == 1, term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in tbox, term


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition], ids=["label", "definition"])
def test_every_term_has_exactly_one_zh_and_one_en(tbox: Graph, predicate: URIRef) -> None:
    for term in declared(tbox):
        langs = sorted(
            o.language or "" for o in tbox.objects(term, predicate) if isinstance(o, Literal)
        )
        assert langs == ["en", "zh"], (term, langs)


def test_header(tbox: Graph) -> None:
    onto = ONTOLOGY_IRI
    assert (onto, RDF.type, OWL.Ontology) in tbox
    assert tbox.value(onto, OWL.versionIRI) == URIRef("https://w3id.org/fazhi/ontology/0.1.0")
    assert tbox.value(onto, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert sorted(t.language for t in tbox.objects(onto, DCTERMS.title)) == ["en", "zh"]  # type: ignore[attr-defined]
    assert str(tbox.value(onto, VANN.preferredNamespacePrefix)) == "fz"
    assert str(tbox.value(onto, VANN.preferredNamespaceUri)) == FZ_NS
    for p in (
        OWL.versionInfo,
        DCTERMS.description,
        DCTERMS.source,
        DCTERMS.created,
        DCTERMS.modified,
    ):
        assert tbox.value(onto, p) is not None, p


def test_declares_only_the_prefixes_it_uses() -> None:
    text = paths.ONTOLOGY_FILE.read_text(encoding="utf-8")
    prefixes = re.findall(r"^@prefix ([\w-]*):", text, flags=re.M)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    unused = [p for p in prefixes if not re.search(rf"(?<![\w-]){re.escape(p)}:", body)]
    assert unused == []


def test_only_zh_and_en_language_tags() -> None:
    tags = {o.language for o in ontology_graph().objects() if isinstance(o, Literal) and o.language}
    assert tags <= {"zh", "en"}


def test_concepts_have_one_zh_and_one_en_preflabel_and_a_scheme() -> None:
    graph = ontology_graph()
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    for cls in graph.transitive_subjects(RDFS.subClassOf, SKOS.Concept):
        concepts |= set(graph.subjects(RDF.type, cls))
    assert concepts, "no concepts in the ontology graph"
    for concept in concepts:
        langs = sorted(o.language or "" for o in graph.objects(concept, SKOS.prefLabel))  # type: ignore[attr-defined]
        assert langs == ["en", "zh"], (concept, langs)
        assert graph.value(concept, SKOS.inScheme) is not None, concept


def test_ontology_iris_are_ascii() -> None:
    graph = ontology_graph()
    iris = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    assert sorted(i for i in iris if not str(i).isascii()) == []
