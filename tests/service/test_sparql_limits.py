"""Safety limits of /sparql (Flask test client): caps, refusals and the deadline."""

from __future__ import annotations

import io
import json
import threading
import time

import pytest
from flask.testing import FlaskClient

from graph.kg import KnowledgeGraph
from service import create_app

SETTINGS = {"TESTING": True, "MAX_ROWS": 5, "MAX_TRIPLES": 4, "QUERY_TIMEOUT": 1.5, "MAX_DEPTH": 40}
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def client(tiny_kg: KnowledgeGraph) -> FlaskClient:
    return create_app(SETTINGS, kg=tiny_kg).test_client()


def status_and_body(response) -> tuple[int, dict]:
    return response.status_code, json.loads(response.data)


def test_rows_capped_and_signalled(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 100000000"}
    )
    assert response.status_code == 200
    assert response.headers["X-Fazhi-Truncated"] == "true"
    assert len(json.loads(response.data)["results"]["bindings"]) == 5


def test_no_truncation_signal_below_the_cap(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert "X-Fazhi-Truncated" not in response.headers
    assert len(json.loads(response.data)["results"]["bindings"]) == 5


@pytest.mark.parametrize("fmt", ["xml", "csv", "tsv"])
def test_rows_capped_in_every_format(client: FlaskClient, fmt: str) -> None:
    response = client.get(
        "/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }", "format": fmt}
    )
    assert response.headers["X-Fazhi-Truncated"] == "true"
    text = response.get_data(as_text=True)
    rows = text.count("<result>") if fmt == "xml" else len(text.strip().splitlines()) - 1
    assert rows == 5


def test_triples_capped(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"},
    )
    assert response.headers["X-Fazhi-Truncated"] == "true"
    assert len(response.get_data(as_text=True).strip().splitlines()) == 4


def test_service_refused_without_connecting(client: FlaskClient, listener) -> None:
    port, seen = listener
    for query in (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    ):
        status, _ = status_and_body(client.get("/sparql", query_string={"query": query}))
        assert status == 400, query
    time.sleep(0.3)
    assert seen == []


def test_service_in_a_string_is_fine(client: FlaskClient) -> None:
    query = 'SELECT ?x WHERE { BIND("""SERVICE <http://x/> { }""" AS ?x) } # SERVICE'
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200


def test_deep_nesting_refused(client: FlaskClient) -> None:
    query = "SELECT * WHERE " + "{" * 1000 + " ?s ?p ?o " + "}" * 1000
    status, body = status_and_body(client.post("/sparql", data={"query": query}))
    assert status == 400 and "nested" in body["error"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("size", [1024 * 1024, 10 * 1024 * 1024])
@pytest.mark.parametrize(
    "content_type", ["application/sparql-query", "application/x-www-form-urlencoded"]
)
def test_large_bodies(client: FlaskClient, size: int, content_type: str) -> None:
    body = b"query=" if content_type.endswith("urlencoded") else b""
    body += b"ASK {} #" + b"x" * size
    response = client.post("/sparql", data=body, content_type=content_type)
    status, payload = status_and_body(response)
    assert status == 413 and payload["status"] == 413


def test_query_string_too_long(client: FlaskClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D%23" + "x" * 300_000)
    assert response.status_code == 413


def test_deadline_kills_the_query(client: FlaskClient) -> None:
    started = time.monotonic()
    status, body = status_and_body(client.get("/sparql", query_string={"query": CARTESIAN}))
    elapsed = time.monotonic() - started
    assert status == 503 and "time limit" in body["error"]
    assert 1.4 < elapsed < 4
    # The killed worker was replaced: the endpoint still answers.
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_concurrent_ask_while_a_query_burns(tiny_kg: KnowledgeGraph) -> None:
    app = create_app(SETTINGS, kg=tiny_kg)
    results: dict[str, object] = {}

    def burn() -> None:
        results["burn"] = (
            app.test_client().get("/sparql", query_string={"query": CARTESIAN}).status_code
        )

    thread = threading.Thread(target=burn)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    ask = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert ask.status_code == 200 and time.monotonic() - started < 1.0
    thread.join()
    assert results["burn"] == 503


@pytest.mark.parametrize("size", [100, 1024 * 1024])
def test_chunked_body_without_length(client: FlaskClient, size: int) -> None:
    """A body without Content-Length is capped too, never silently cut at the cap."""
    body = b"ASK {} #" + b"x" * size
    response = client.post(
        "/sparql",
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == (200 if size < 1000 else 413)


def test_body_caps_are_per_route(tiny_kg: KnowledgeGraph) -> None:
    """/sparql is capped at MAX_BODY; other routes (e.g. an /export id list) at
    EXPORT_MAX_BODY, not at /sparql's cap."""
    app = create_app({"TESTING": True, "MAX_BODY": 1000, "EXPORT_MAX_BODY": 100_000}, kg=tiny_kg)
    client = app.test_client()
    query = "ASK {}" + " " * 2000
    assert client.post("/sparql", data={"query": query}).status_code == 413
    ids = ["fzid:org/none"] * 1000  # ~20 KB: over MAX_BODY, under EXPORT_MAX_BODY
    response = client.post("/export/nodelink", json={"ids": ids})
    assert response.status_code == 404  # the ids were read: none of them exists
    assert client.post("/export/nodelink", json={"ids": ["x" * 200_000]}).status_code == 413
