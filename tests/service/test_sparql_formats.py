"""Content negotiation on /sparql: every format parsed back and compared by meaning."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pyoxigraph
import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.kg import KnowledgeGraph
from graph.query.formats import GRAPH_FORMATS, RESULT_FORMATS
from service import create_app

# rdflib 7.6 calls its own deprecated Dataset/ConjunctiveGraph API internally (not our code).
FZID = "https://w3id.org/fazhi/id/"
SELECT = "SELECT ?s ?l WHERE { ?s a org:Organization ; rdfs:label ?l }"
CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a org:Organization ; rdfs:label ?l }"
EXPECTED_ROWS = {
    (FZID + "org/tiny-gov", "市政府"),
    (FZID + "org/tiny-gov", "City government"),
    (FZID + "org/tiny-court", "市人民法院"),
    (FZID + "org/tiny-court", "City People's Court"),
}
RDFLIB_PARSERS = {
    "ttl": "turtle",
    "nt": "nt",
    "rdfxml": "xml",
    "jsonld": "json-ld",
    "trig": "trig",
    "nq": "nquads",
}


@pytest.fixture(scope="module")
def client(tiny_kg: KnowledgeGraph) -> FlaskClient:
    return create_app({"TESTING": True}, kg=tiny_kg).test_client()


def rows_of(fmt: str, data: bytes) -> set[tuple[str, str]]:
    """The (s, l) rows of a SELECT response, read with a parser for that format."""
    if fmt == "csv":
        return {(r["s"], r["l"]) for r in csv.DictReader(io.StringIO(data.decode("utf-8")))}
    if fmt == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ElementTree.fromstring(data)
        return {
            tuple(  # type: ignore[misc]
                (
                    b.find("r:uri", ns)
                    if b.find("r:uri", ns) is not None
                    else b.find("r:literal", ns)
                ).text
                for b in sorted(result.findall("r:binding", ns), key=lambda b: b.get("name"))
            )[::-1]
            for result in root.iterfind(".//r:result", ns)
        }
    ox_format = {
        "json": pyoxigraph.QueryResultsFormat.JSON,
        "tsv": pyoxigraph.QueryResultsFormat.TSV,
    }[fmt]
    solutions = pyoxigraph.parse_query_results(data, format=ox_format)
    return {(row["s"].value, row["l"].value) for row in solutions}  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
def test_select_by_accept(client: FlaskClient, fmt: str) -> None:
    media_type = RESULT_FORMATS[fmt].media_type
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": media_type})
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    assert rows_of(fmt, response.data) == EXPECTED_ROWS


@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
def test_select_by_format_parameter(client: FlaskClient, fmt: str) -> None:
    response = client.get("/sparql", query_string={"query": SELECT, "format": fmt})
    assert response.mimetype == RESULT_FORMATS[fmt].media_type
    assert rows_of(fmt, response.data) == EXPECTED_ROWS


@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_construct_by_accept(client: FlaskClient, tiny_kg: KnowledgeGraph, fmt: str) -> None:
    media_type = GRAPH_FORMATS[fmt].media_type
    response = client.get(
        "/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": media_type}
    )
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    parsed = Dataset()
    parsed.parse(data=response.data, format=RDFLIB_PARSERS[fmt])
    got = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        got.add((s, p, o))
    expected = tiny_kg.dataset.query(CONSTRUCT).graph
    assert expected is not None and len(expected) == 4
    assert isomorphic(got, expected)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        (
            "application/sparql-results+xml;q=0.1, text/tab-separated-values",
            "text/tab-separated-values",
        ),
        ("application/json", "application/sparql-results+json"),
        ("text/html;q=1, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_q_values(client: FlaskClient, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("application/n-triples;q=0.9, application/ld+json", "application/ld+json"),
        ("text/plain", "application/n-triples"),
    ],
)
def test_graph_q_values(client: FlaskClient, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == expected


def test_ask_formats(client: FlaskClient) -> None:
    xml = client.get(
        "/sparql", query_string={"query": "ASK { ?s a fz:Mechanism }", "format": "xml"}
    )
    root = ElementTree.fromstring(xml.data)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"  # type: ignore[union-attr]
    js = client.get("/sparql", query_string={"query": "ASK { ?s a fz:Nothing }"})
    assert json.loads(js.data)["boolean"] is False


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (SELECT, "text/turtle"),
        (CONSTRUCT, "application/sparql-results+json"),
        ("ASK {}", "image/png"),
    ],
)
def test_not_acceptable(client: FlaskClient, query: str, accept: str) -> None:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert json.loads(response.data)["status"] == 406


def test_format_parameter_for_the_other_kind(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": SELECT, "format": "ttl"})
    assert response.status_code == 406
    response = client.get("/sparql", query_string={"query": SELECT, "format": "nonsense"})
    assert response.status_code == 400


def test_describe(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": f"DESCRIBE <{FZID}org/tiny-gov>"},
        headers={"Accept": "text/turtle"},
    )
    graph = Graph().parse(data=response.data, format="turtle")
    assert len(graph) > 0
    assert {str(s) for s in graph.subjects()} == {FZID + "org/tiny-gov"}
