"""SERVICE written with no separator reached Oxigraph, which connected out.

Oxigraph's keywords need no word boundary, so ``SERVICE:x`` (with ``PREFIX :`` pointing at a
local address), ``SERVICESILENT<…>`` and ``1SERVICE <…>`` are all a SERVICE call, while the
tokenizer saw one word that was not exactly ``SERVICE`` and let the query through.
"""

from __future__ import annotations

import time

from service import create_app


def test_glued_service_never_connects(tiny_kg, listener) -> None:
    port, seen = listener
    client = create_app({"TESTING": True}, kg=tiny_kg).test_client()
    base = f"http://127.0.0.1:{port}/"
    statuses = [
        client.get("/sparql", query_string={"query": query}).status_code
        for query in (
            f"PREFIX : <{base}> SELECT * WHERE {{ SERVICE:x {{ ?x ?y ?w }} }}",
            f"PREFIX : <{base}> SELECT * WHERE {{ service:p {{ ?x ?y ?w }} }}",
            f"SELECT * WHERE {{ SERVICESILENT<{base}> {{ ?x ?y ?w }} }}",
        )
    ]
    time.sleep(0.3)  # a connection, had one been made, would have been accepted by now
    assert (statuses, seen) == ([400, 400, 400], [])
