"""SERVICE hid behind a less-than that the tokenizer read as the start of an IRI.

In ``FILTER(1<'>') SERVICE <…> {} #'`` Oxigraph reads ``<`` as less-than and ``'>'`` as a
string; the tokenizer read ``<'>`` as an IRI and then ``') SERVICE … #'`` as a string, so the
SERVICE call was never seen and the query worker connected out.
"""

from __future__ import annotations

import time

from service import create_app


def test_service_after_a_less_than_never_connects(tiny_kg, listener) -> None:
    port, seen = listener
    client = create_app({"TESTING": True}, kg=tiny_kg).test_client()
    query = (
        f"SELECT * WHERE {{ FILTER(1<'>') SERVICE <http://127.0.0.1:{port}/> {{ ?x ?y ?w }} #'\n}}"
    )
    status = client.get("/sparql", query_string={"query": query}).status_code
    time.sleep(0.3)  # a connection, had one been made, would have been accepted by now
    assert (status, seen) == (400, [])
