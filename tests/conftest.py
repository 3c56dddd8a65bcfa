"""Fixtures shared by every test area: the tiny graph, the real graph, the app and its client."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.kg import KnowledgeGraph
from service import create_app

TESTS = Path(__file__).parent
TEST_DATA = TESTS / "data"


@pytest.fixture(scope="session")
def tiny_kg() -> KnowledgeGraph:
    """The ontology plus tests/data/tiny.ttl (no bundled reports)."""
    return KnowledgeGraph.load([TEST_DATA / "tiny.ttl"], bundled=False)


@pytest.fixture(scope="session")
def real_kg() -> KnowledgeGraph:
    """The bundled graph, loaded once per test run."""
    return KnowledgeGraph.load()


@pytest.fixture(scope="session")
def app(real_kg: KnowledgeGraph) -> Iterator[Flask]:
    application = create_app({"TESTING": True}, kg=real_kg)
    yield application


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on 127.0.0.1 that records every connection it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    seen: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, address = server.accept()
            except TimeoutError:
                continue
            seen.append(address)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=2)
    server.close()
