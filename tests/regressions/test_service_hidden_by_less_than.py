"""SERVICE hid behind a less-than that the tokenizer read as the start of an IRI.

In ``FILTER(1<'>') SERVICE <…> {} #'`` Oxigraph reads ``<`` as less-than and ``'>'`` as a
string; the tokenizer read ``<'>`` as an IRI and then ``') SERVICE … #'`` as a string, so the
SERVICE call was never seen and the query worker connected out.
"""

from __future__ import annotations

import socket
import threading
import time

from service import create_app


def test_service_after_a_less_than_never_connects(tiny_kg) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    port, seen, stop = server.getsockname()[1], [], threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                seen.append(server.accept()[0].close())
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    client = create_app({"TESTING": True}, kg=tiny_kg).test_client()
    query = (
        f"SELECT * WHERE {{ FILTER(1<'>') SERVICE <http://127.0.0.1:{port}/> {{ ?x ?y ?w }} #'\n}}"
    )
    status = client.get("/sparql", query_string={"query": query}).status_code
    time.sleep(0.3)
    stop.set()
    thread.join(timeout=2)
    server.close()
    assert (status, seen) == (400, [])
