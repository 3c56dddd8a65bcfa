"""Screening SPARQL updates: refused keywords found by tokenizing; the graphs a write touches."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.store.rdf import DEFAULT
from graph.updates import footprint


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://example.org/data.ttl>",
        "load <http://example.org/x> INTO GRAPH <http://example.org/g>",
        "LoAd SILENT <file:///etc/passwd>",
        "INSERT DATA { <a:s> <a:p> 1 } ;\n# a comment\nLOAD <http://example.org/x>",
        'INSERT DATA { <a:s> <a:p> "x" } ; LOAD <http://example.org/x>',
    ],
)
def test_load_is_refused_however_spelled(update: str) -> None:
    with pytest.raises(QueryError, match="LOAD is refused"):
        footprint(update)


def test_load_inside_strings_iris_and_comments_is_data() -> None:
    update = (
        'INSERT DATA { GRAPH <http://e/g> { <http://e/LOAD> <http://e/p> "LOAD <x>", '
        "'''SERVICE''' } } # LOAD <http://example.org/x>"
    )
    assert footprint(update).targets == {"http://e/g"}


def test_service_in_where_is_refused() -> None:
    update = (
        "INSERT { GRAPH <http://e/g> { ?s ?p ?o } } "
        "WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    )
    with pytest.raises(QueryError, match="SERVICE"):
        footprint(update)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT { GRAPH ?g { <a:s> <a:p> 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }",
        "DROP ALL",
        "CLEAR NAMED",
        "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_writes_must_name_their_graphs(update: str) -> None:
    with pytest.raises(QueryError, match="name the graphs"):
        footprint(update)


def test_deep_nesting_is_refused_before_parsing() -> None:
    with pytest.raises(QueryError, match="nested deeper"):
        footprint("INSERT DATA " + "{" * 500)


def test_malformed_update_keeps_the_parser_message() -> None:
    with pytest.raises(QueryError, match="does not parse"):
        footprint("INSERT DATA { <a:s> <a:p> ")


def test_footprint_lists_written_and_read_graphs() -> None:
    scope = footprint(
        "PREFIX e: <http://e/>\n"
        "INSERT DATA { GRAPH e:g1 { e:a e:p 1 } } ;\n"
        "DELETE { GRAPH e:g2 { ?s ?p ?o } } INSERT { ?s ?p 3 } "
        "USING NAMED e:g5 WHERE { GRAPH e:g3 { ?s ?p ?o } } ;\n"
        "WITH e:g4 DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ;\n"
        "COPY e:g8 TO e:g9 ; MOVE e:g6 TO e:g7"
    )
    e = "http://e/"
    assert scope.targets == {e + "g1", e + "g2", DEFAULT, e + "g4", e + "g9", e + "g6", e + "g7"}
    assert scope.reads == scope.targets | {e + "g3", e + "g5", e + "g8"}
