"""SERVICE slipped past the check after a PN_LOCAL escape, and Oxigraph connected out.

The tokenizer's words stopped at a backslash, so in ``ex:a\\#`` it read ``#`` as the start of
a comment (and in ``ex:a\\'`` a quote as an unterminated string, after which it stopped
scanning): the ``SERVICE <http://127.0.0.1:PORT/…>`` after it was never seen, and the query
worker opened a connection to that address.
"""

from __future__ import annotations

import time

from service import create_app


def test_service_after_an_escaped_local_name_never_connects(tiny_kg, listener) -> None:
    port, seen = listener
    client = create_app({"TESTING": True}, kg=tiny_kg).test_client()
    statuses = [
        client.get("/sparql", query_string={"query": query}).status_code
        for query in (
            "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?z) "
            f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?w }} }}",
            "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\' AS ?z) "
            f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?w }} }}",
        )
    ]
    time.sleep(0.3)  # a connection, had one been made, would have been accepted by now
    assert (statuses, seen) == ([400, 400], [])
