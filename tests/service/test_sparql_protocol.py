"""/sparql per the SPARQL 1.1 Protocol (query operation), through the Flask test client."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef

from graph.kg import KnowledgeGraph
from service import create_app

FZID = "https://w3id.org/fazhi/id/"
TINY_GRAPH = FZID + "graph/tiny"
ONTOLOGY_GRAPH = FZID + "graph/ontology"
LABELS_OF_GOV = f"SELECT ?l WHERE {{ <{FZID}org/tiny-gov> rdfs:label ?l }}"
EXPECTED_GOV = {("市政府", "zh"), ("City government", "en")}
# Han, a CJK extension B character (astral plane), book-title marks, full-width punctuation.
CHINESE = "《关于建立府院联动机制的工作规则》𠀀，受理行政复议案件17 件。"
# rdflib 7.6 calls its own deprecated Dataset/ConjunctiveGraph API internally (not our code).


@pytest.fixture(scope="module")
def client(tiny_kg: KnowledgeGraph) -> FlaskClient:
    return create_app({"TESTING": True, "QUERY_TIMEOUT": 10}, kg=tiny_kg).test_client()


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.data
    assert response.mimetype == "application/sparql-results+json"
    return json.loads(response.data)["results"]["bindings"]


def literal_set(response, var: str = "l") -> set[tuple[str, str | None]]:
    return {(b[var]["value"], b[var].get("xml:lang")) for b in bindings(response)}


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.data
    body = json.loads(response.data)
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert "Traceback" not in body["error"] and "/work/" not in body["error"]
    return body


def test_get(client: FlaskClient) -> None:
    assert literal_set(client.get("/sparql", query_string={"query": LABELS_OF_GOV})) == EXPECTED_GOV


def test_post_form(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"query": LABELS_OF_GOV})
    assert literal_set(response) == EXPECTED_GOV


@pytest.mark.parametrize(
    "content_type", ["application/sparql-query", "application/sparql-query; charset=UTF-8"]
)
def test_post_direct(client: FlaskClient, content_type: str) -> None:
    response = client.post("/sparql", data=LABELS_OF_GOV.encode(), content_type=content_type)
    assert literal_set(response) == EXPECTED_GOV


@pytest.mark.parametrize("method", ["get", "form", "direct"])
@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
def test_chinese_round_trips_byte_exact(client: FlaskClient, method: str, fmt: str) -> None:
    query = f'SELECT ?x WHERE {{ BIND("{CHINESE}"@zh AS ?x) }}'
    if method == "get":
        response = client.get("/sparql", query_string={"query": query, "format": fmt})
    elif method == "form":
        response = client.post("/sparql", data={"query": query, "format": fmt})
    else:
        response = client.post(
            f"/sparql?format={fmt}", data=query.encode(), content_type="application/sparql-query"
        )
    assert response.status_code == 200, response.data
    assert CHINESE.encode("utf-8") in response.data
    if fmt == "json":
        assert bindings(response)[0]["x"]["value"] == CHINESE


def test_chinese_from_the_data(client: FlaskClient, tiny_kg: KnowledgeGraph) -> None:
    sentence = URIRef(FZID + "report/tiny/p1-s1")
    anchor = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")
    expected = str(tiny_kg.dataset.graph(URIRef(TINY_GRAPH)).value(sentence, anchor))
    query = f'SELECT ?s WHERE {{ ?s nif:anchorOf "{expected}" }}'
    rows = bindings(client.post("/sparql", data={"query": query}))
    assert [b["s"]["value"] for b in rows] == [str(sentence)]


def test_two_query_parameters(client: FlaskClient) -> None:
    assert_error(client.get(f"/sparql?query={quote('ASK {}')}&query={quote('ASK {}')}"), 400)
    assert_error(client.post("/sparql", data={"query": ["ASK {}", "ASK {}"]}), 400)
    direct = client.post(
        f"/sparql?query={quote('ASK {}')}", data=b"ASK {}", content_type="application/sparql-query"
    )
    assert_error(direct, 400)


def test_missing_query(client: FlaskClient) -> None:
    assert_error(client.get("/sparql", query_string={"default-graph-uri": TINY_GRAPH}), 400)
    assert_error(
        client.post("/sparql", data=b"", content_type="application/x-www-form-urlencoded"), 400
    )
    assert_error(client.post("/sparql", data=b"", content_type="application/sparql-query"), 400)


@pytest.mark.parametrize(
    "params",
    [
        {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        {"query": "PREFIX ex: <urn:x#> DELETE WHERE { ?s ?p ?o }"},
        {"query": "LOAD <file:///etc/passwd>"},
        {"update": "CLEAR ALL"},
    ],
)
def test_update_refused(client: FlaskClient, params: dict) -> None:
    body = assert_error(client.get("/sparql", query_string=params), 400)
    assert "read-only" in body["error"]
    assert_error(client.post("/sparql", data=params), 400)


def test_update_content_type_refused(client: FlaskClient) -> None:
    response = client.post("/sparql", data=b"CLEAR ALL", content_type="application/sparql-update")
    assert_error(response, 400)


def test_malformed_query_gets_the_parser_message(client: FlaskClient) -> None:
    body = assert_error(
        client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"}), 400
    )
    assert "error at 1:" in body["error"]


def test_relative_iris_resolve_against_the_endpoint(client: FlaskClient) -> None:
    query = "CONSTRUCT { <s> <p> <../o> } WHERE {}"
    response = client.post("/sparql", data=query, content_type="application/sparql-query")
    assert response.status_code == 200, response.data
    graph = Graph().parse(data=response.data, format=response.mimetype)
    expected = ("http://localhost/s", "http://localhost/p", "http://localhost/o")
    assert {tuple(map(str, t)) for t in graph} == {expected}


def test_query_base_wins_over_the_endpoint(client: FlaskClient) -> None:
    query = "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<b> AS ?x) }"
    [row] = bindings(client.get("/sparql", query_string={"query": query}))
    assert row["x"]["value"] == "http://example.org/a/b"


def test_error_position_is_in_the_client_text(client: FlaskClient) -> None:
    query = "SELECT * WHERE { <s> ?p }"  # relative IRI: the service adds its BASE
    body = assert_error(client.get("/sparql", query_string={"query": query}), 400)
    assert "error at 1:" in body["error"]


def test_trailing_slash_is_the_same_endpoint(client: FlaskClient) -> None:
    response = client.post("/sparql/", data="ASK {}", content_type="application/sparql-query")
    assert response.status_code == 200
    assert json.loads(response.data)["boolean"] is True


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)("/sparql", data=b"ASK {}")
    assert_error(response, 405)
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_other_content_types(client: FlaskClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    assert_error(client.post("/sparql", data=b"ASK {}", headers=headers), 415)


def test_charset_must_be_utf8(client: FlaskClient) -> None:
    response = client.post(
        "/sparql",
        data="ASK {}".encode("latin-1"),
        content_type="application/sparql-query; charset=ISO-8859-1",
    )
    assert_error(response, 415)


def test_invalid_utf8(client: FlaskClient) -> None:
    assert_error(client.get("/sparql?query=ASK%20%7B%7D%FF%FE"), 400)
    assert_error(
        client.post(
            "/sparql", data=b"query=ASK+%FF", content_type="application/x-www-form-urlencoded"
        ),
        400,
    )
    assert_error(
        client.post("/sparql", data=b"ASK { \xff\xfe }", content_type="application/sparql-query"),
        400,
    )


def test_nul_bytes(client: FlaskClient) -> None:
    assert_error(client.get("/sparql?query=ASK%00%7B%7D"), 400)
    assert_error(
        client.post("/sparql", data=b"ASK \x00 {}", content_type="application/sparql-query"), 400
    )


def test_text_errors_for_text_clients(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "SELECT"}, headers={"Accept": "text/plain"}
    )
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "malformed query" in response.get_data(as_text=True)


def test_no_parameters_gives_the_service_description(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph


def test_default_graph_is_the_union(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?type WHERE { ?s a ?type } "
    types = {
        b["type"]["value"] for b in bindings(client.get("/sparql", query_string={"query": query}))
    }
    assert "https://w3id.org/fazhi/ontology#PolicyDocument" in types  # from the tiny report graph
    assert "http://www.w3.org/2002/07/owl#Class" in types  # from the ontology graph


def test_default_graph_uri(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?type WHERE { ?s a ?type }"
    response = client.get("/sparql", query_string={"query": query, "default-graph-uri": TINY_GRAPH})
    types = {b["type"]["value"] for b in bindings(response)}
    assert "https://w3id.org/fazhi/ontology#PolicyDocument" in types
    assert "http://www.w3.org/2002/07/owl#Class" not in types


def test_named_graph_uri(client: FlaskClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": ONTOLOGY_GRAPH})
    assert {b["g"]["value"] for b in bindings(response)} == {ONTOLOGY_GRAPH}
    everything = client.get("/sparql", query_string={"query": query})
    assert {b["g"]["value"] for b in bindings(everything)} == {ONTOLOGY_GRAPH, TINY_GRAPH}
    # Protocol dataset with only named graphs: the default graph is empty.
    empty = client.get(
        "/sparql", query_string={"query": "ASK { ?s ?p ?o }", "named-graph-uri": TINY_GRAPH}
    )
    assert json.loads(empty.data)["boolean"] is False


def test_protocol_dataset_overrides_from(client: FlaskClient) -> None:
    query = f"SELECT DISTINCT ?type FROM <{ONTOLOGY_GRAPH}> WHERE {{ ?s a ?type }}"
    response = client.get("/sparql", query_string={"query": query, "default-graph-uri": TINY_GRAPH})
    assert "http://www.w3.org/2002/07/owl#Class" not in {
        b["type"]["value"] for b in bindings(response)
    }


def test_from_selects_a_loaded_graph(client: FlaskClient) -> None:
    query = f"SELECT DISTINCT ?type FROM <{TINY_GRAPH}> WHERE {{ ?s a ?type }}"
    types = {
        b["type"]["value"] for b in bindings(client.get("/sparql", query_string={"query": query}))
    }
    assert "https://w3id.org/fazhi/ontology#PolicyDocument" in types
    assert "http://www.w3.org/2002/07/owl#Class" not in types


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }",
    ],
)
def test_from_never_dereferences(client: FlaskClient, query: str) -> None:
    response = client.get("/sparql", query_string={"query": query})
    assert bindings(response) == []
    assert b"root:" not in response.data


def test_unknown_dataset_graph_is_empty(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={
            "query": "SELECT * { ?s ?p ?o }",
            "default-graph-uri": "http://127.0.0.1:9/x",
        },
    )
    assert bindings(response) == []


def test_bad_dataset_iri(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "ASK {}", "default-graph-uri": "not an iri"}
    )
    assert_error(response, 400)


def test_predefined_prefixes_match_rdflib(client: FlaskClient) -> None:
    rows = bindings(
        client.get("/sparql", query_string={"query": "SELECT ?d { ?d a fz:PolicyDocument }"})
    )
    assert [b["d"]["value"] for b in rows] == [FZID + "doc/tiny-fuyuan-rules"]


def test_ask_and_literal_values(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?o sdmx-measure:obsValue 17 }"})
    assert json.loads(response.data) == {"head": {}, "boolean": True}
    assert Literal(17).toPython() == 17
