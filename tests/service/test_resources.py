"""Linked Data: /id/…, /concept/…, /ontology resolve our IRIs by content negotiation."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient
from lxml import html
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from graph.kg import KnowledgeGraph
from service import create_app

FZID = "https://w3id.org/fazhi/id/"
GOV = URIRef(FZID + "org/tiny-gov")
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PARSERS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def client(tiny_kg: KnowledgeGraph) -> FlaskClient:
    return create_app({"TESTING": True}, kg=tiny_kg).test_client()


def expected_description(kg: KnowledgeGraph, node: URIRef) -> Graph:
    """What the description must hold: every triple in or out, and the neighbours' labels."""
    graph = Graph()
    tiny = kg.dataset.graph(URIRef(FZID + "graph/tiny"))
    for triple in tiny.triples((node, None, None)):
        graph.add(triple)
    for triple in tiny.triples((None, None, node)):
        graph.add(triple)
    return graph


@pytest.mark.parametrize("media_type", list(PARSERS))
def test_instance_rdf(client: FlaskClient, tiny_kg: KnowledgeGraph, media_type: str) -> None:
    response = client.get("/id/org/tiny-gov", headers={"Accept": media_type})
    assert response.status_code == 200 and response.mimetype == media_type
    graph = Graph().parse(data=response.data, format=PARSERS[media_type])
    about = Graph()
    for triple in graph:
        if GOV in (triple[0], triple[2]):
            about.add(triple)
    assert isomorphic(about, expected_description(tiny_kg, GOV))
    # neighbours' labels and the source sentence text come along
    assert (
        URIRef(FZID + "doc/tiny-fuyuan-rules"),
        RDFS.label,
        Literal("《关于建立府院联动机制的工作规则》", lang="zh"),
    ) in graph


def test_instance_html(client: FlaskClient) -> None:
    response = client.get("/id/org/tiny-gov", headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = html.fromstring(response.data)
    assert page.findtext(".//h1") == "市政府"
    assert page.xpath("//script") == [] and page.xpath("//@style") == []
    links = set(page.xpath("//a/@href"))
    assert {
        "/id/report/tiny/p1-s1",
        "/id/doc/tiny-fuyuan-rules",
        "/concept/mech-fuyuan-liandong",
    } <= links
    assert "市政府与市人民法院共同印发了" in page.text_content()  # the source sentence


def test_instance_html_in_english(client: FlaskClient) -> None:
    page = html.fromstring(client.get("/id/org/tiny-gov?lang=en", headers=BROWSER).data)
    assert page.findtext(".//h1") == "City government"


def test_concept(client: FlaskClient) -> None:
    response = client.get("/concept/mech-fuyuan-liandong", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.data, format="turtle")
    mechanism = URIRef("https://w3id.org/fazhi/concept/mech-fuyuan-liandong")
    assert (mechanism, URIRef("https://w3id.org/fazhi/ontology#participant"), GOV) in graph


@pytest.mark.parametrize(
    "path",
    [
        "/id/org/no-such-body",
        "/concept/nothing",
        "/id/org/%3E%20%7B",
        "/ontology/NoSuchTerm",
        "/id/a//b",
    ],
)
def test_unknown_is_404(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    body = json.loads(response.data)
    assert body == {"ok": False, "error": body["error"], "status": 404}


def test_ontology_html(client: FlaskClient) -> None:
    response = client.get("/ontology", headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = html.fromstring(response.data)
    terms = set(page.xpath("//dt/@id"))
    assert {"PolicyDocument", "Mechanism", "participant", "statedAs"} <= terms
    assert "政策文件" in page.text_content() or "policy document" in page.text_content()


def test_ontology_rdf(client: FlaskClient, tiny_kg: KnowledgeGraph) -> None:
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.data, format="turtle")
    ontology = tiny_kg.dataset.graph(URIRef(FZID + "graph/ontology"))
    assert isomorphic(graph, ontology)


def test_ontology_term(client: FlaskClient) -> None:
    redirect = client.get("/ontology/Mechanism", headers=BROWSER)
    assert redirect.status_code == 303 and redirect.headers["Location"].endswith(
        "/ontology#Mechanism"
    )
    response = client.get("/ontology/Mechanism", headers={"Accept": "application/n-triples"})
    graph = Graph().parse(data=response.data, format="nt")
    assert (
        URIRef("https://w3id.org/fazhi/ontology#Mechanism"),
        RDFS.label,
        Literal("mechanism", lang="en"),
    ) in graph


UNSAFE_TTL = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/fazhi/id/org/tiny-unsafe> rdfs:label "不安全链接"@zh ;
    rdfs:seeAlso <javascript:alert(1)> , <data:text/html,hi> , <http://example.org/ok> ,
        <HTTPS://example.org/upper> .
"""


def test_only_http_iris_become_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A javascript: or data: IRI (which a write could add) is shown as text, never a link."""
    source = tmp_path / "unsafe.ttl"
    source.write_text(UNSAFE_TTL, encoding="utf-8")
    kg = KnowledgeGraph.load([source], bundled=False)
    client = create_app({"TESTING": True}, kg=kg).test_client()
    response = client.get("/id/org/tiny-unsafe", headers=BROWSER)
    assert response.status_code == 200
    page = html.fromstring(response.data)
    links = set(page.xpath("//a/@href"))
    assert {"http://example.org/ok", "HTTPS://example.org/upper"} <= links
    assert not [link for link in links if not link.lower().startswith(("http", "/", "?"))]
    shown = {span.text_content() for span in page.xpath("//span[@class='literal']")}
    assert {"javascript:alert(1)", "data:text/html,hi"} <= shown
