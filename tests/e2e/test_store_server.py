"""Real servers on 127.0.0.1: writes over oxigraph:PATH survive SIGKILL; the service runs over a
real Oxigraph server (the ``oxigraph`` pip package) through FAZHI_STORE=sparql:."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from graph import paths
from graph.kg import KnowledgeGraph
from graph.query import shutdown
from graph.store.rdf import sorted_nquads
from service import create_app

pytestmark = pytest.mark.e2e

TOKEN = "e2e-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = Path(__file__).parent.parent / "store" / "report.ttl"
GRAPH = "https://w3id.org/fazhi/id/graph/tiny"
BAD = (
    "PREFIX fz: <https://w3id.org/fazhi/ontology#> INSERT DATA { GRAPH <" + GRAPH + "> "
    "{ <https://w3id.org/fazhi/id/doc/x> a fz:PolicyDocument } }"
)


def _request(
    url: str, method: str = "GET", body: bytes | None = None, **headers: str
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


def _serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``fazhi serve`` as its own process group, over the on-disk store, with writes on."""
    env = os.environ | {
        "FAZHI_STORE": f"oxigraph:{store}",
        "FAZHI_UPDATE_TOKEN": TOKEN,
        "FAZHI_WORKERS": "1",
    }
    port = _free_port()
    process = subprocess.Popen(
        [shutil.which("fazhi") or "fazhi", "serve", "--port", str(port), "--threads", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/-/health", process)
    return process, base


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # the server and its query workers, no clean-up
    process.wait(timeout=10)


def _graph(base: str) -> bytes:
    status, body = _request(f"{base}/store?graph={GRAPH}", Accept="application/n-triples", **AUTH)
    assert status == 200
    return sorted_nquads(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))


def test_writes_survive_sigkill_and_refused_writes_change_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    process, base = _serve(store)
    try:
        status, _ = _request(
            f"{base}/store?graph={GRAPH}",
            "PUT",
            REPORT.read_bytes(),
            **{"Content-Type": "text/turtle"},
            **AUTH,
        )
        assert status == 201
        written = _graph(base)
        expected = ox.Store()
        expected.load(REPORT.read_bytes(), format=ox.RdfFormat.TURTLE)  # as Oxigraph holds it
        assert written == sorted_nquads(expected)
        form = ("update=" + urllib.request.quote(BAD)).encode()
        status, body = _request(
            f"{base}/update",
            "POST",
            form,
            **{"Content-Type": "application/x-www-form-urlencoded"},
            **AUTH,
        )
        assert status == 422 and json.loads(body)["report"]["conforms"] is False
        assert _graph(base) == written
    finally:
        _kill(process)
    dumped = subprocess.run(
        ["fazhi", "dump", "--store", f"oxigraph:{store}", "--format", "nquads"],
        check=True,
        capture_output=True,
    ).stdout
    as_quads = ox.Store()
    as_quads.load(REPORT.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH))
    assert dumped == sorted_nquads(as_quads)  # byte-identical, refused write absent
    process, base = _serve(store)
    try:
        assert _graph(base) == written
    finally:
        _kill(process)


@pytest.fixture(scope="module")
def oxigraph_server(
    tmp_path_factory: pytest.TempPathFactory, real_kg: KnowledgeGraph
) -> Iterator[str]:
    """A real Oxigraph server holding the bundled dataset, union default graph on."""
    folder = tmp_path_factory.mktemp("oxigraph")
    data = folder / "bundled.nq"
    data.write_bytes(sorted_nquads(real_kg.store.quads()))
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph pip package provides the server binary"
    subprocess.run(
        [binary, "load", "--location", str(folder / "db"), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(folder / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def remote(oxigraph_server: str) -> Iterator[FlaskClient]:
    app = create_app({"STORE": f"sparql:{oxigraph_server}/query", "WORKERS": 1})
    yield app.test_client()
    shutdown()


def _results(client: FlaskClient, query: str) -> object:
    response = client.post(
        "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json, application/n-triples"},
    )
    assert response.status_code == 200, response.data[:300]
    if response.mimetype == "application/n-triples":
        return sorted_nquads(ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES))
    parsed = ox.parse_query_results(response.data, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    return sorted(tuple(str(row[v]) for v in parsed.variables) for row in parsed)


@pytest.mark.parametrize("name", sorted(p.name for p in paths.EXAMPLES_DIR.glob("*.rq")))
def test_example_queries_answer_alike_over_a_real_oxigraph_server(
    remote: FlaskClient, client: FlaskClient, name: str
) -> None:
    query = (paths.EXAMPLES_DIR / name).read_text(encoding="utf-8")
    assert _results(remote, query) == _results(client, query)


def test_linkage_and_exports_work_over_the_remote_store(
    remote: FlaskClient, client: FlaskClient
) -> None:
    for path in ("/api/search?q=%E5%BA%9C%E9%99%A2%E8%81%94%E5%8A%A8", "/export/cyjs"):
        ours, theirs = remote.get(path), client.get(path)
        assert ours.status_code == theirs.status_code == 200
        assert json.loads(ours.data) == json.loads(theirs.data)


def test_remote_store_without_update_url_refuses_writes(oxigraph_server: str) -> None:
    kg = KnowledgeGraph.open(f"sparql:{oxigraph_server}/query")
    app = create_app({"UPDATE_TOKEN": TOKEN, "WORKERS": 1}, kg=kg)
    response = app.test_client().put(
        f"/store?graph={GRAPH}",
        data=REPORT.read_bytes(),
        headers=AUTH | {"Content-Type": "text/turtle"},
    )
    assert response.status_code == 405


def test_a_query_the_remote_server_refuses_is_a_400(remote: FlaskClient) -> None:
    response = remote.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400


def test_writes_through_to_a_remote_store_with_an_update_url(oxigraph_server: str) -> None:
    kg = KnowledgeGraph.open(f"sparql:{oxigraph_server}/query,{oxigraph_server}/update")
    client = create_app({"UPDATE_TOKEN": TOKEN, "WORKERS": 1}, kg=kg).test_client()
    url, ttl = f"/store?graph={GRAPH}", {"Content-Type": "text/turtle"}
    try:
        assert client.put(url, data=REPORT.read_bytes(), headers=AUTH | ttl).status_code == 201
        refused = client.post("/update", data={"update": BAD}, headers=AUTH)
        assert refused.status_code == 422
        got = client.get(url, headers=AUTH | {"Accept": "application/n-triples"})
        expected = ox.Store()
        expected.load(REPORT.read_bytes(), format=ox.RdfFormat.TURTLE)
        assert sorted_nquads(ox.parse(got.data, format=ox.RdfFormat.N_TRIPLES)) == sorted_nquads(
            expected
        )
    finally:
        assert client.delete(url, headers=AUTH).status_code == 204
        shutdown()
