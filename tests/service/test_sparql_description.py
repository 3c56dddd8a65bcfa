"""Service description (GET /sparql) and VoID (/.well-known/void), read back with rdflib."""

from __future__ import annotations

import json

import lxml.html
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph.kg import KnowledgeGraph
from graph.load import named_graphs
from graph.namespaces import SD, VOID
from service import create_app

FORMATS = "http://www.w3.org/ns/formats/"


@pytest.fixture(scope="module")
def client(tiny_kg: KnowledgeGraph) -> FlaskClient:
    return create_app({"TESTING": True}, kg=tiny_kg).test_client()


def loaded(kg: KnowledgeGraph) -> dict[str, int]:
    return {str(iri): len(kg.dataset.graph(iri)) for iri in named_graphs(kg.dataset)}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("*/*", "turtle")],
)
def test_service_description(
    client: FlaskClient, tiny_kg: KnowledgeGraph, accept: str, fmt: str
) -> None:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=fmt)
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert service == URIRef("http://localhost/sparql")
    assert graph.value(service, SD.endpoint) == service
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    formats = {str(f) for f in graph.objects(service, SD.resultFormat)}
    assert {FORMATS + "SPARQL_Results_JSON", FORMATS + "Turtle", FORMATS + "JSON-LD"} <= formats
    dataset = graph.value(service, SD.defaultDataset)
    counts = {}
    for named in graph.objects(dataset, SD.namedGraph):
        counts[str(graph.value(named, SD.name))] = graph.value(
            graph.value(named, SD.graph), VOID.triples
        ).toPython()
    assert counts == loaded(tiny_kg)
    default = graph.value(dataset, SD.defaultGraph)
    assert graph.value(default, VOID.triples).toPython() == sum(counts.values())


BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def ui_data(response) -> dict:
    """The JSON data block the query page hands to its script."""
    page = lxml.html.fromstring(response.get_data(as_text=True))
    (block,) = page.xpath('//script[@id="fazhi-ui-data"]')
    return json.loads(block.text)


def test_browser_gets_html_at_sparql(client: FlaskClient) -> None:
    response = client.get("/sparql", headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    data = ui_data(response)
    assert data["endpoint"] == "/sparql"
    assert data["prefixes"]["fz"] == "https://w3id.org/fazhi/ontology#"
    assert "SELECT" in data["default_query"].upper()


def test_the_language_switch_link_opens_the_page(client: FlaskClient) -> None:
    response = client.get("/sparql?lang=en", headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert ui_data(response)["lang"] == "en"


@pytest.mark.parametrize(
    ("params", "fmt"),
    [("format=ttl", "turtle"), ("output=jsonld", "json-ld"), ("format=nt&lang=en", "nt")],
)
def test_format_parameter_picks_the_description_format(
    client: FlaskClient, params: str, fmt: str
) -> None:
    response = client.get(f"/sparql?{params}", headers=BROWSER)
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=fmt)
    assert (URIRef("http://localhost/sparql"), RDF.type, SD.Service) in graph


def test_other_parameters_without_a_query_are_still_an_error(client: FlaskClient) -> None:
    response = client.get("/sparql?default-graph-uri=http://x/")
    assert response.status_code == 400 and "query" in response.json["error"]  # type: ignore[index]


def test_void(client: FlaskClient, tiny_kg: KnowledgeGraph) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    root = URIRef("http://localhost/.well-known/void#dataset")
    assert (root, RDF.type, VOID.Dataset) in graph
    assert graph.value(root, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    subsets = {str(s): s for s in graph.objects(root, VOID.subset)}
    assert set(subsets) == set(loaded(tiny_kg))
    tiny = URIRef("https://w3id.org/fazhi/id/graph/tiny")
    tiny_graph = tiny_kg.dataset.graph(tiny)
    assert graph.value(tiny, VOID.triples).toPython() == len(tiny_graph)
    assert graph.value(tiny, VOID.classes).toPython() == len(
        set(tiny_graph.objects(None, RDF.type))
    )
    assert graph.value(tiny, VOID.distinctSubjects).toPython() == len(set(tiny_graph.subjects()))
    vocabularies = {str(v) for v in graph.objects(tiny, VOID.vocabulary)}
    assert {
        "https://w3id.org/fazhi/ontology#",
        "http://data.europa.eu/eli/ontology#",
    } <= vocabularies


def test_void_as_ntriples(client: FlaskClient) -> None:
    response = client.get("/.well-known/void?format=nt")
    assert response.mimetype == "application/n-triples"
    assert len(Graph().parse(data=response.data, format="nt")) > 5
