"""The tokenizer that guards the engine: SERVICE, updates, nesting depth, query form."""

from __future__ import annotations

import time

import pytest

from graph.errors import QueryError
from graph.sparqlcheck import inspect


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "select * { service silent <http://x/> { } }",
        "SELECT * { ?s ?p ?o .SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p 1.SERVICE <http://x/> { } }",
        "SELECT * {SERVICE<http://x/>{}}",
        "SELECT * { 'a' . SERVICE ?endpoint { } }",
        "SELECT * { \\u0053ERVICE <http://x/> { } }",
        "SELECT * { # comment\nSERVICE <http://x/> { } }",
    ],
)
def test_service_refused(query: str) -> None:
    with pytest.raises(QueryError):
        inspect(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { BIND("SERVICE <http://x/>" AS ?x) }',
        "SELECT * { BIND('''multi\nline SERVICE \"\"\" ''' AS ?x) }",
        'SELECT * { BIND("""x " SERVICE "" y""" AS ?x) }',
        'SELECT * { BIND("escaped \\" SERVICE" AS ?x) }',
        "SELECT * { ?service ?p $service }",
        "PREFIX service: <http://x/> SELECT * { ?s service:p ex:service }",
        "SELECT * { <http://x/SERVICE> ?p ?o } # SERVICE in a comment",
        'SELECT * { ?s ?p "x"@service }',
    ],
)
def test_service_elsewhere_is_fine(query: str) -> None:
    assert inspect(query).kind == "select"


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SELECT * {}", "select"),
        ("PREFIX a: <http://a/> BASE <http://b/> ASK {}", "ask"),
        ("prefix : <http://a/> construct where { ?s ?p ?o }", "graph"),
        ("# hello\nDESCRIBE <http://x/>", "graph"),
        ("PREFIX select: <http://a/> ASK {}", "ask"),
        ("NONSENSE", None),
    ],
)
def test_form(query: str, kind: str | None) -> None:
    assert inspect(query).kind == kind


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:a> <a:b> <a:c> }",
        "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
        "WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
        "clear all",
        "DROP GRAPH <http://g/>",
    ],
)
def test_updates_refused(query: str) -> None:
    with pytest.raises(QueryError, match="read-only"):
        inspect(query)


def test_dataset_clause_found() -> None:
    assert inspect("SELECT * FROM <http://g/> { ?s ?p ?o }").has_dataset
    assert inspect("SELECT * FROM NAMED <http://g/> { ?s ?p ?o }").has_dataset
    assert not inspect("SELECT * { ?s <http://from/> 'FROM' }").has_dataset


def test_depth() -> None:
    assert inspect("SELECT * { { ?s ?p ( 1 2 [ ?a ?b ] ) } }").depth == 4
    with pytest.raises(QueryError, match="nested"):
        inspect("SELECT * " + "{" * 65 + "}" * 65, max_depth=64)
    with pytest.raises(QueryError, match="nested"):
        inspect("SELECT * { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }", max_depth=64)
    assert inspect('SELECT * { BIND("{{{{{{{{" AS ?x) }', max_depth=2).depth == 2


def test_hostile_tokenizer_input_is_fast() -> None:
    started = time.monotonic()
    quadratic = '"""' + '\\"' * 100_000  # once took minutes: each quote rescanned the rest
    for text in ('"' + "\\" * 200_000, "'''" + "''a" * 60_000, "<" * 200_000, quadratic):
        inspect(text)
    assert time.monotonic() - started < 2
