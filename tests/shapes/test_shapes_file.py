"""The shapes file itself: SHACL-SHACL conformance, header, one shape per class, prefixes."""

from __future__ import annotations

import re

from pyshacl.entrypoints import meta_validate
from rdflib import OWL, RDF, Graph, URIRef
from rdflib.namespace import DCTERMS

from graph import paths
from graph.namespaces import FZ, FZSH, ORG
from graph.validate import SH, shapes_graph

SHAPES_FILE = paths.SHAPES_DIR / "fazhi-shapes.ttl"
TIME_PROPER_INTERVAL = URIRef("http://www.w3.org/2006/time#ProperInterval")


def test_shapes_pass_shacl_shacl() -> None:
    conforms, _graph, text = meta_validate(Graph().parse(SHAPES_FILE))
    assert conforms, text


def test_header() -> None:
    shapes = shapes_graph()
    header = URIRef("https://w3id.org/fazhi/shapes")
    assert (header, RDF.type, OWL.Ontology) in shapes
    assert sorted(t.language for t in shapes.objects(header, DCTERMS.title)) == ["en", "zh"]  # type: ignore[attr-defined]
    assert shapes.value(header, OWL.versionInfo) is not None
    assert shapes.value(header, DCTERMS.source) is not None
    assert shapes.value(header, DCTERMS.license) is not None


def test_one_node_shape_per_ontology_class() -> None:
    shapes = shapes_graph()
    classes = {URIRef(str(FZ._NS) + name) for name in FZ.__annotations__ if name[0].isupper()}
    for cls in classes | {ORG.Organization, TIME_PROPER_INTERVAL}:
        targeting = [
            s for s in shapes.subjects(SH.targetClass, cls) if (s, RDF.type, SH.NodeShape) in shapes
        ]
        named = [
            s
            for s in targeting
            if str(s) == f"{FZSH}{str(cls).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}"
        ]
        assert len(named) == 1, cls


def test_property_shapes_are_named_after_their_node_shape() -> None:
    shapes = shapes_graph()
    for node_shape, _, prop in shapes.triples((None, SH.property, None)):
        if prop == FZSH.label:
            continue
        assert str(prop).startswith(f"{node_shape}-"), (node_shape, prop)


def test_declares_only_the_prefixes_it_uses() -> None:
    text = SHAPES_FILE.read_text(encoding="utf-8")
    prefixes = re.findall(r"^@prefix ([\w-]*):", text, flags=re.M)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert [p for p in prefixes if not re.search(rf"(?<![\w-]){re.escape(p)}:", body)] == []
