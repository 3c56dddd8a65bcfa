"""A remote store's failures: generic 502 for the client, the details only in the log."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from graph.kg import KnowledgeGraph
from graph.query import EngineError, Limits, run, shutdown
from graph.store.remote import SparqlBackend, StoreUnavailable

SECRET = "stack trace at /srv/internal/fuseki-7"


class _Failing(BaseHTTPRequestHandler):
    status = 500

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = SECRET.encode()
        self.send_response(self.server.status)  # type: ignore[attr-defined]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def failing_store() -> Iterator[tuple[HTTPServer, str]]:
    server = HTTPServer(("127.0.0.1", 0), _Failing)
    server.status = 500  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/private-query"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_erroring_store_is_a_generic_502(failing_store, caplog) -> None:
    _, url = failing_store
    with caplog.at_level(logging.ERROR), pytest.raises(StoreUnavailable) as raised:
        SparqlBackend(url, None).engine().query("ASK {}")
    assert (raised.value.status, raised.value.message) == (502, "SPARQL store unavailable")
    assert SECRET in caplog.text and url in caplog.text


def test_an_unreachable_store_does_not_show_its_address() -> None:
    url = f"http://127.0.0.1:{_free_port()}/private-query"
    with pytest.raises(StoreUnavailable) as raised:
        SparqlBackend(url, None).engine().query("ASK {}")
    assert "127.0.0.1" not in raised.value.message and "Errno" not in raised.value.message


def test_a_store_refusing_the_query_does_not_echo_its_page(failing_store) -> None:
    server, url = failing_store
    server.status = 400
    with pytest.raises(SyntaxError) as raised:  # what the query worker answers as a 400
        SparqlBackend(url, None).engine().query("ASK {}")
    assert SECRET not in str(raised.value)


def test_the_worker_keeps_the_store_status(failing_store) -> None:
    _, url = failing_store
    kg = KnowledgeGraph(store=SparqlBackend(url, None))
    try:
        with pytest.raises(EngineError) as raised:
            run(kg, "ASK { ?s ?p ?o }", limits=Limits(workers=1, timeout=20))
    finally:
        shutdown()
    assert (raised.value.status, raised.value.message) == (502, "SPARQL store unavailable")
