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


def test_the_depth_cap_is_the_setting() -> None:
    update = "INSERT DATA { GRAPH <http://e/g> { <a:s> <a:p> (((((1))))) } }"
    assert footprint(update, max_depth=10).targets == {"http://e/g"}
    with pytest.raises(QueryError, match="nested deeper than 4"):
        footprint(update, max_depth=4)


def test_rdflib_recursion_is_a_clear_refusal() -> None:
    with pytest.raises(QueryError, match="nested too deeply"):
        footprint("INSERT { <a:s> <a:p> 1 } WHERE { FILTER" + "(" * 50 + "1" + ")" * 50 + " }")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT { GRAPH <http://e/g> { ?s <a:p> 1 } } WHERE { ?s a <a:C> }",
        "DELETE { GRAPH <http://e/g> { ?s ?p ?o } } WHERE { GRAPH <http://e/g> { ?s ?p ?o } "
        "FILTER EXISTS { ?s <a:q> ?x } }",
        "INSERT { GRAPH <http://e/g> { ?s <a:p> 1 } } USING NAMED <http://e/h> "
        "WHERE { ?s a <a:C> }",
        "DELETE WHERE { ?s <a:p> ?o }",
    ],
)
def test_patterns_on_the_default_graph_are_refused(update: str) -> None:
    with pytest.raises(QueryError, match=r"GRAPH <…> \{ … \}"):
        footprint(update)


def test_where_reads() -> None:
    e = "http://e/"
    assert footprint(f"WITH <{e}g> INSERT {{ ?s <a:p> 1 }} WHERE {{ ?s a <a:C> }}").reads == {
        e + "g"
    }
    using = footprint(
        f"INSERT {{ GRAPH <{e}g> {{ ?s <a:p> 1 }} }} USING <{e}u> WHERE {{ ?s ?p ?o }}"
    )
    assert using.reads == {e + "g", e + "u"} and not using.reads_all
    every = footprint(
        f"INSERT {{ GRAPH <{e}g> {{ ?s <a:p> 1 }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert every.reads_all
    computed = footprint(
        f"INSERT {{ GRAPH <{e}g> {{ <a:s> <a:p> ?t }} }} WHERE {{ BIND(NOW() AS ?t) }}"
    )
    assert computed.reads == {e + "g"} and not computed.reads_all


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
