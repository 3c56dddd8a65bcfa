"""The write routes: absent without a token; bearer auth; LOAD, XXE, caps; 422 with the report;
Graph Store Protocol semantics; concurrent writers and readers over an on-disk store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef

from graph.kg import KnowledgeGraph
from graph.query import shutdown
from graph.store.rdf import sorted_nquads
from service import create_app

TOKEN = "s3cret-token-for-tests-only"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = Path(__file__).parent.parent / "store" / "report.ttl"
GRAPH = "https://w3id.org/fazhi/id/graph/tiny"
GOV = "https://w3id.org/fazhi/id/org/tiny-gov"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
STORE_URL = f"/store?graph={GRAPH}"
BAD = (
    "PREFIX fz: <https://w3id.org/fazhi/ontology#> INSERT DATA { GRAPH <"
    + GRAPH
    + "> { <https://w3id.org/fazhi/id/doc/x> a fz:PolicyDocument } }"
)
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="https://w3id.org/fazhi/id/org/tiny-gov"><rdf:value>&x;</rdf:value></rdf:Description>
</rdf:RDF>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"""


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[Flask]:
    kg = KnowledgeGraph.open(f"oxigraph:{tmp_path / 'store'}")
    yield create_app({"TESTING": True, "UPDATE_TOKEN": TOKEN, "WORKERS": 1}, kg=kg)
    shutdown()


@pytest.fixture()
def wc(writable: Flask) -> FlaskClient:
    client = writable.test_client()
    response = client.put(
        STORE_URL, data=REPORT.read_bytes(), headers=AUTH | {"Content-Type": "text/turtle"}
    )
    assert response.status_code == 201
    return client


def _nquads(client: FlaskClient) -> bytes:
    body = client.get(STORE_URL, headers=AUTH | {"Accept": "application/n-triples"}).data
    return sorted_nquads(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))


def _comment(text: str) -> str:
    return f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{GOV}> <{COMMENT}> "{text}" }} }}'


def test_no_token_no_write_routes(client: FlaskClient) -> None:
    assert client.post("/update", data={"update": _comment("x")}).status_code == 404
    assert client.put(STORE_URL, data=b"", headers=AUTH).status_code == 404
    assert client.get(STORE_URL, headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-of-some-length"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_writes_need_the_bearer_token(wc: FlaskClient, headers: dict[str, str]) -> None:
    before = _nquads(wc)
    response = wc.post("/update", data={"update": _comment("x")}, headers=headers)
    assert response.status_code == 401 and response.json["ok"] is False  # type: ignore[index]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (
        wc.put(STORE_URL, data=b"", headers=headers | {"Content-Type": "text/turtle"}).status_code
        == 401
    )
    assert wc.delete(STORE_URL, headers=headers).status_code == 401
    assert _nquads(wc) == before


@pytest.mark.parametrize("query", [f"access_token={TOKEN}", f"token={TOKEN}", f"x={TOKEN}"])
def test_a_token_in_the_url_is_refused(wc: FlaskClient, query: str) -> None:
    response = wc.post(f"/update?{query}", data={"update": _comment("x")}, headers=AUTH)
    assert response.status_code == 400 and "URL" in response.json["error"]  # type: ignore[index]


@pytest.mark.parametrize("path", ["/update", STORE_URL])
def test_cors_preflight_on_write_routes_is_refused(wc: FlaskClient, path: str) -> None:
    response = wc.options(
        path,
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert response.status_code in (403, 405)
    assert not [h for h, _ in response.headers if h.lower().startswith("access-control-")]
    write = wc.post(
        "/update",
        data={"update": _comment("ok")},
        headers=AUTH | {"Origin": "https://evil.example"},
    )
    assert write.status_code == 200
    assert "Access-Control-Allow-Origin" not in write.headers


def test_right_token_writes_and_readers_see_it(wc: FlaskClient) -> None:
    response = wc.post(
        "/update",
        data=_comment("你好"),
        headers=AUTH | {"Content-Type": "application/sparql-update"},
    )
    assert response.status_code == 200 and response.json["data"]["graphs"] == {GRAPH: 25}  # type: ignore[index]
    rows = wc.get(
        "/sparql",
        query_string={"query": f"SELECT ?c WHERE {{ <{GOV}> <{COMMENT}> ?c }}"},
        headers={"Accept": "application/sparql-results+json"},
    ).json
    assert [b["c"]["value"] for b in rows["results"]["bindings"]] == ["你好"]  # type: ignore[index]


@pytest.mark.parametrize(
    "update",
    [
        f"LOAD <file://{REPORT}> INTO GRAPH <{GRAPH}>",
        "load <http://127.0.0.1:9/x>",
        f"{_comment('a')} ;\n# comment\nLoad <http://127.0.0.1:9/x>",
    ],
)
def test_load_is_refused_even_with_the_token(wc: FlaskClient, update: str) -> None:
    before = _nquads(wc)
    response = wc.post("/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 400 and "LOAD" in response.json["error"]  # type: ignore[index]
    assert _nquads(wc) == before


@pytest.mark.parametrize("body", [XXE, LAUGHS])
def test_rdfxml_with_doctype_or_entities_is_refused(wc: FlaskClient, body: bytes) -> None:
    before = _nquads(wc)
    response = wc.post(STORE_URL, data=body, headers=AUTH | {"Content-Type": "application/rdf+xml"})
    assert response.status_code == 400 and "DOCTYPE" in response.json["error"]  # type: ignore[index]
    assert _nquads(wc) == before


@pytest.mark.parametrize(
    "fmt",
    [
        ox.RdfFormat.TURTLE,
        ox.RdfFormat.N_TRIPLES,
        ox.RdfFormat.RDF_XML,
        ox.RdfFormat.JSON_LD,
        ox.RdfFormat.TRIG,
        ox.RdfFormat.N_QUADS,
    ],
)
def test_every_body_format_round_trips(wc: FlaskClient, fmt: ox.RdfFormat) -> None:
    before = _nquads(wc)
    triples = [q.triple for q in ox.parse(REPORT.read_bytes(), format=ox.RdfFormat.TURTLE)]
    body = ox.serialize(triples, format=fmt) or b""
    response = wc.put(STORE_URL, data=body, headers=AUTH | {"Content-Type": fmt.media_type})
    assert response.status_code == 204
    assert _nquads(wc) == before
    for accept in ("text/turtle", "application/ld+json", "application/rdf+xml"):
        got = wc.get(STORE_URL, headers=AUTH | {"Accept": accept})
        assert got.status_code == 200 and got.mimetype == accept
        parsed = ox.parse(got.data, format=ox.RdfFormat.from_media_type(accept))
        assert sorted_nquads(
            ox.Quad(q.subject, q.predicate, q.object) for q in parsed
        ) == sorted_nquads(
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(before, format=ox.RdfFormat.N_QUADS)
        )


def test_refused_write_is_422_with_the_report(wc: FlaskClient) -> None:
    before = _nquads(wc)
    response = wc.post("/update", data={"update": BAD}, headers=AUTH)
    assert response.status_code == 422
    body = response.json
    assert body["ok"] is False and body["status"] == 422  # type: ignore[index]
    shapes = {r["source_shape"] for r in body["report"]["results"]}  # type: ignore[index]
    assert "https://w3id.org/fazhi/shapes#PolicyDocument-source" in shapes
    turtle = wc.post("/update", data={"update": BAD}, headers=AUTH | {"Accept": "text/turtle"})
    assert turtle.status_code == 422 and turtle.mimetype == "text/turtle"
    report = Graph().parse(data=turtle.data, format="turtle")
    assert (None, URIRef("http://www.w3.org/ns/shacl#conforms"), Literal(False)) in report
    assert _nquads(wc) == before


def test_graph_store_protocol_statuses(wc: FlaskClient) -> None:
    other = "/store?graph=https://w3id.org/fazhi/id/graph/other"
    ttl = {"Content-Type": "text/turtle"}
    assert wc.get(other, headers=AUTH).status_code == 404
    assert wc.delete(other, headers=AUTH).status_code == 404
    assert wc.post(other, data=REPORT.read_bytes(), headers=AUTH | ttl).status_code == 201
    assert wc.post(other, data=REPORT.read_bytes(), headers=AUTH | ttl).status_code == 204
    assert wc.delete(other, headers=AUTH).status_code == 204
    assert wc.get(other, headers=AUTH).status_code == 404
    assert wc.get("/store", headers=AUTH).status_code == 400
    assert wc.get(f"{STORE_URL}&default", headers=AUTH).status_code == 400
    assert wc.get("/store?graph=not-an-iri", headers=AUTH).status_code == 400
    assert (
        wc.put(STORE_URL, data=b"x", headers=AUTH | {"Content-Type": "text/html"}).status_code
        == 415
    )
    assert wc.put(STORE_URL, data=b"<a> <b>", headers=AUTH | ttl).status_code == 400
    assert wc.patch(STORE_URL, headers=AUTH).status_code == 405
    assert (
        wc.post("/update", data=b"x", headers=AUTH | {"Content-Type": "text/plain"}).status_code
        == 415
    )


def test_body_and_triple_caps(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(f"oxigraph:{tmp_path / 'store'}")
    app = create_app({"UPDATE_TOKEN": TOKEN, "MAX_WRITE_BODY": 1000, "MAX_WRITE_TRIPLES": 5}, kg=kg)
    client = app.test_client()
    big = client.put(
        STORE_URL, data=REPORT.read_bytes(), headers=AUTH | {"Content-Type": "text/turtle"}
    )
    assert big.status_code == 413
    body = "\n".join(f'<{GOV}> <{COMMENT}> "{i}" .' for i in range(8)).encode()
    many = client.put(
        STORE_URL, data=body, headers=AUTH | {"Content-Type": "application/n-triples"}
    )
    assert many.status_code == 400 and "more than 5 triples" in many.json["error"]  # type: ignore[index]
    assert kg.store.named_graphs() == []


def test_concurrent_writers_and_readers(wc: FlaskClient) -> None:
    """Readers see the whole old or the whole new graph; no accepted write is lost."""
    base = REPORT.read_text(encoding="utf-8")
    markers = [
        "https://w3id.org/fazhi/id/org/tiny-gov",
        "https://w3id.org/fazhi/id/org/tiny-court",
    ]

    def version(n: int) -> bytes:
        extra = "".join(f'<{m}> <{COMMENT}> "v{n}" .\n' for m in markers)
        return (base + extra).encode()

    seen: list[set[str]] = []
    errors: list[str] = []
    done = threading.Event()

    def write(start: int) -> None:
        for n in range(start, start + 4, 2):
            r = wc.put(STORE_URL, data=version(n), headers=AUTH | {"Content-Type": "text/turtle"})
            if r.status_code != 204:
                errors.append(f"PUT {n}: {r.status_code}")

    def merge(tag: str) -> None:
        for i in range(2):
            r = wc.post(
                "/update",
                data={"update": _comment(f"{tag}{i}").replace(GRAPH, GRAPH + "-log")},
                headers=AUTH,
            )
            if r.status_code != 200:
                errors.append(f"update {tag}{i}: {r.status_code} {r.data[:200]!r}")

    def read() -> None:
        query = f"SELECT ?m ?c WHERE {{ GRAPH <{GRAPH}> {{ ?m <{COMMENT}> ?c }} }}"
        while not done.is_set():
            r = wc.get(
                "/sparql",
                query_string={"query": query},
                headers={"Accept": "application/sparql-results+json"},
            )
            rows = r.json["results"]["bindings"]  # type: ignore[index]
            seen.append({b["c"]["value"] for b in rows})
            if rows and len(rows) != len(markers):
                errors.append(f"half a write: {rows}")
            got = wc.get(STORE_URL, headers=AUTH | {"Accept": "application/n-triples"}).data
            values = {
                q.object.value
                for q in ox.parse(got, format=ox.RdfFormat.N_TRIPLES)
                if q.predicate.value == COMMENT
            }
            if len(values) > 1:
                errors.append(f"GSP mix: {values}")

    writers = [threading.Thread(target=write, args=(s,)) for s in (1, 2)]
    writers += [threading.Thread(target=merge, args=(t,)) for t in ("a", "b")]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join()
    assert not errors
    assert all(len(values) <= 1 for values in seen) and len(seen) > 2
    log = wc.get(STORE_URL + "-log", headers=AUTH | {"Accept": "application/n-triples"}).data
    logged = {q.object.value for q in ox.parse(log, format=ox.RdfFormat.N_TRIPLES)}
    assert logged == {"a0", "a1", "b0", "b1"}  # no write lost


def test_write_bodies_have_their_own_cap(tmp_path: Path) -> None:
    """MAX_WRITE_BODY, not /sparql's MAX_BODY, caps a write (once Werkzeug refused it first)."""
    kg = KnowledgeGraph.open(f"oxigraph:{tmp_path / 'store'}")
    app = create_app({"UPDATE_TOKEN": TOKEN, "MAX_BODY": 100, "EXPORT_MAX_BODY": 100}, kg=kg)
    client = app.test_client()
    response = client.put(
        STORE_URL, data=REPORT.read_bytes(), headers=AUTH | {"Content-Type": "text/turtle"}
    )
    assert response.status_code in (201, 204)


def test_update_over_the_default_graph_is_a_clear_400(wc: FlaskClient) -> None:
    update = (
        f'INSERT {{ GRAPH <{GRAPH}> {{ ?s <{COMMENT}> "x" }} }} '
        "WHERE { ?s a <http://www.w3.org/ns/org#Organization> }"
    )
    response = wc.post("/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 400 and "GRAPH <…>" in response.json["error"]  # type: ignore[index]
