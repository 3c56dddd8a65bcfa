"""A real ``fazhi serve`` on 127.0.0.1, real clients (SPARQLWrapper, rdflib's SPARQLStore), and
hostile input. Each hostile query must be answered (4xx/503) quickly while ``ASK {}`` from
another client still gets through, and the server must stay healthy."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fazhi_server import fazhi_serve
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

pytestmark = [
    pytest.mark.e2e,
]
TINY = Path(__file__).parent.parent / "data" / "tiny.ttl"
TIMEOUT = 2.0
MAX_ROWS = 100
GOV = URIRef("https://w3id.org/fazhi/id/org/tiny-gov")
ANY = "(!<urn:fazhi:none>|^!<urn:fazhi:none>)"
HOSTILE = {
    "regex": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f "
        "FILTER(REGEX(CONCAT(STR(?c), STR(?f), 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), '^(a+)+$')) }"
    ),
    "cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cyclic-path": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x {ANY}* ?y . ?y {ANY}* ?z }}",
}


@dataclass
class Reply:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    def json(self) -> dict:
        return json.loads(self.content)


def http(
    method: str,
    url: str,
    *,
    params: dict[str, str] | None = None,
    data: bytes | dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One request with the standard library (no extra test dependency)."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    headers = dict(headers or {})
    if isinstance(data, dict):
        data = urllib.parse.urlencode(data).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read())


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    env = dict(
        os.environ,
        FAZHI_QUERY_TIMEOUT=str(TIMEOUT),
        FAZHI_MAX_ROWS=str(MAX_ROWS),
        FAZHI_WORKERS="3",
        PYTHONWARNINGS="ignore::DeprecationWarning",
    )
    with fazhi_serve(["--no-bundled", "--data", str(TINY)], env=env) as running:
        yield running


@pytest.fixture(scope="module")
def base(server: tuple[str, subprocess.Popen[str]]) -> str:
    return server[0]


def test_sparqlwrapper_select(base: str) -> None:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(f"SELECT ?l WHERE {{ <{GOV}> rdfs:label ?l }}")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    values = {(b["l"]["value"], b["l"].get("xml:lang")) for b in result["results"]["bindings"]}  # type: ignore[index]
    assert values == {("市政府", "zh"), ("City government", "en")}


def test_sparqlwrapper_post_ask(base: str) -> None:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setMethod("POST")
    client.setQuery("ASK { ?m a fz:Mechanism }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index]


def test_sparqlwrapper_construct(base: str, tiny_kg) -> None:
    query = "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?d eli:passed_by ?b . ?b rdfs:label ?l }"
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    graph = client.query().convert()
    assert isinstance(graph, Graph)
    assert isomorphic(graph, tiny_kg.dataset.query(query).graph)


def test_rdflib_sparqlstore(base: str) -> None:
    graph = Graph(store=SPARQLStore(f"{base}/sparql", returnFormat="xml"))
    labels = {row[0] for row in graph.query(f"SELECT ?l WHERE {{ <{GOV}> <{RDFS.label}> ?l }}")}
    assert labels == {Literal("市政府", lang="zh"), Literal("City government", lang="en")}
    assert set(graph.objects(GOV, RDFS.label)) == labels


def _ask_is_fast(base: str) -> float:
    started = time.monotonic()
    response = http("GET", f"{base}/sparql", params={"query": "ASK {}"})
    assert response.status_code == 200
    return time.monotonic() - started


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_query_stopped_while_ask_answers(base: str, name: str) -> None:
    outcome: dict[str, object] = {}

    def burn() -> None:
        started = time.monotonic()
        response = http("GET", f"{base}/sparql", params={"query": HOSTILE[name]})
        outcome.update(status=response.status_code, elapsed=time.monotonic() - started)

    thread = threading.Thread(target=burn)
    thread.start()
    time.sleep(0.3)
    assert _ask_is_fast(base) < 2.0
    thread.join()
    assert outcome["status"] in (200, 503)  # Oxigraph's regex engine is linear: it may just finish
    if name != "regex":
        assert outcome["status"] == 503
    assert outcome["elapsed"] < TIMEOUT + 2  # type: ignore[operator]


def test_service_makes_no_connection(base: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        response = http("GET", f"{base}/sparql", params={"query": query})
        assert response.status_code == 400
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


def test_from_file_reads_nothing(base: str) -> None:
    query = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    response = http("GET", f"{base}/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []
    assert "root:" not in response.text


@pytest.mark.parametrize("size", [1024 * 1024, 10 * 1024 * 1024])
def test_large_bodies(base: str, size: int) -> None:
    body = b"ASK {} #" + b"x" * size
    response = http(
        "POST", f"{base}/sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_deep_nesting_is_400_and_server_survives(base: str, server) -> None:
    query = "SELECT * WHERE " + "{" * 1000 + " ?s ?p ?o " + "}" * 1000
    response = http("POST", f"{base}/sparql", data={"query": query})
    assert response.status_code == 400
    assert server[1].poll() is None
    assert _ask_is_fast(base) < 2.0


@pytest.mark.parametrize(
    ("raw", "status"),
    [("query=ASK%20%7B%7D%FF", 400), ("query=ASK%00%7B%7D", 400), ("query=SELECT", 400)],
)
def test_bad_query_strings(base: str, raw: str, status: int) -> None:
    response = http("GET", f"{base}/sparql?{raw}")
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": response.json()["error"], "status": status}


def test_invalid_utf8_body(base: str) -> None:
    response = http(
        "POST",
        f"{base}/sparql",
        data=b"ASK { \xff }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_methods(base: str, method: str) -> None:
    response = http(method, f"{base}/sparql", data=b"ASK {}")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_wrong_content_type(base: str) -> None:
    response = http(
        "POST", f"{base}/sparql", data=b"ASK {}", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def test_huge_limit_is_capped(base: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1000000000"
    response = http("GET", f"{base}/sparql", params={"query": query})
    assert response.headers["X-Fazhi-Truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS


def test_cors(base: str) -> None:
    response = http(
        "OPTIONS",
        f"{base}/sparql",
        headers={"Origin": "https://notebook.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_http10_client_sees_eof_after_a_killed_query(base: str) -> None:
    """The replacement worker is forked inside the request: it must not keep the client's
    connection open (a client reading to EOF would hang until the worker died)."""
    host, port = base.removeprefix("http://").split(":")
    path = "/sparql?" + urllib.parse.urlencode({"query": HOSTILE["cartesian"]})
    with socket.create_connection((host, int(port)), timeout=TIMEOUT + 5) as conn:
        conn.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
        chunks = []
        while chunk := conn.recv(65536):  # raises TimeoutError if EOF never comes
            chunks.append(chunk)
    assert b" 503 " in b"".join(chunks).split(b"\r\n", 1)[0]


def test_still_healthy_with_its_workers(base: str, server) -> None:
    """Last: after everything above, the server answers and holds exactly its 3 workers."""
    response = http("GET", f"{base}/-/health")
    assert response.status_code == 200 and response.json()["ok"] is True
    pid = server[1].pid
    children = [p for p in os.listdir("/proc") if p.isdigit() and _ppid(p) == pid]
    assert len(children) == 3


def _ppid(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
