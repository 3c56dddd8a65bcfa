"""The tokenizer that guards the engine: SERVICE, LOAD, updates, nesting depth, query form."""

from __future__ import annotations

import time

import pyoxigraph
import pytest

from graph.errors import QueryError
from graph.sparqlcheck import inspect

LONG = "'''"


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
        "SELECT * { # comment\rSERVICE <http://x/> { } }",
        # A PN_LOCAL escape is part of the name: it opens no comment and no string.
        "PREFIX ex: <http://e/> SELECT * { BIND(ex:a\\# AS ?z) SERVICE <http://x/> { } }",
        "PREFIX ex: <http://e/> SELECT * { BIND(ex:a\\' AS ?z) SERVICE <http://x/> { } }",
        'PREFIX ex: <http://e/> SELECT * { BIND(ex:a\\" AS ?z) SERVICE <http://x/> { } }',
        "PREFIX ex: <http://e/> SELECT * { BIND(ex:a%23 AS ?z) SERVICE <http://x/> { } }",
        # The engine's keywords need no separator before or after them.
        "SELECT * { SERVICESILENT<http://x/> { } }",
        "SELECT * { ?s ?p 1SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p 1e-5SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p trueSERVICE <http://x/> { } }",
        "PREFIX : <http://x/> SELECT * { SERVICE:x { } }",
        "PREFIX : <http://x/> SELECT * { service:p { } }",
        "PREFIX service: <http://x/> SELECT * { ?s service:p ?o }",
        "PREFIX ex: <http://x/> SELECT * { SERVICEex:x { } }",
        "SELECT * { ?s ?p 'x'@en-SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p ?o-SERVICE <http://x/> { } }",
        # "<" after an operand inside ( ) may be less-than: what looks like an IRI is code.
        "SELECT * { VALUES ?v { <http://x/> } FILTER(1<2)SERVICE?v#>\n{ } }",
        "PREFIX ex: <http://e/> SELECT * { FILTER(ex:a<ex:b)SERVICE<http://x/>{} }",
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
        "PREFIX svc: <http://x/> SELECT * { ?s svc:service ex:service, _:service }",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:a\\.service ex:a-service }",
        "SELECT * { <http://x/SERVICE> ?p ?o } # SERVICE in a comment",
        'SELECT * { ?s ?p "x"@service }',
    ],
)
def test_service_elsewhere_is_fine(query: str) -> None:
    assert inspect(query).kind == "select"


@pytest.mark.parametrize(
    "query",
    [
        # A string the tokenizer cannot end must not let it skip the rest of the text.
        "SELECT * { BIND('open AS ?z) SERVICE <http://x/> { } }",
        "SELECT * { BIND(" + LONG + "open AS ?z) SERVICE <http://x/> { } }",
        "SELECT * { BIND('bad \\q escape' AS ?z) }",
        # Less-than, then a quote the engine reads as a string where an IRI would not have one.
        "SELECT * { FILTER(1<'>') SERVICE <http://x/> { } #'\n}",
        # Less-than, then a "#" the engine reads as a comment, then a long string.
        "PREFIX ex: <http://e/> SELECT * { FILTER(1<ex:a#>" + LONG + "\n) "
        "SERVICE <http://x/> { } #" + LONG + "\n}",
    ],
)
def test_what_cannot_be_tokenized_is_refused(query: str) -> None:
    with pytest.raises(QueryError):
        inspect(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { FILTER(?a < ?b && ?c > ?d) FILTER(?a<?b) FILTER(?a<=?b) }",
        "SELECT * { VALUES (?a ?b) { (<http://x/#a> <http://x/#b>) } }",
        "SELECT * { ?s <http://x/#p> " + LONG + "long\ntext" + LONG + " }",
        "SELECT * { FILTER(?s = <http://x/#s>) ?s ?p ( <http://x/#a> <http://x/#b> ) }",
        "SELECT * { << ?s ?p ?o >> ?q <http://x/#o> }",
        "SELECT * { BIND(<http://x/\\u0061> AS ?z) BIND('\\u0022' AS ?q) }",
    ],
)
def test_ordinary_queries_pass(query: str) -> None:
    assert inspect(query).kind == "select"


@pytest.mark.parametrize(
    ("query", "engine_parses"),
    [
        # pyoxigraph does not apply \u escapes before parsing: outside strings and IRIs they
        # are syntax errors, so refusing them in words (as the tokenizer does) loses nothing.
        ("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { } }", False),
        ("SELECT * { # \\u000A }", False),
        # Keywords need no separator: why the tokenizer looks for the letters in any word.
        ("SELECT * { SERVICESILENT<http://127.0.0.1:9/> { } }", True),
        # Comments end at a carriage return too, and at no other line separator.
        ("SELECT * { # c\r}", True),
        ("SELECT * { # c\u2028}", False),
    ],
)
def test_engine_behaviour_the_tokenizer_relies_on(query: str, engine_parses: bool) -> None:
    try:
        pyoxigraph.Store().query(query)
    except SyntaxError:
        parsed = False
    else:
        parsed = True
    assert parsed == engine_parses


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


def test_update_mode() -> None:
    assert inspect("INSERT DATA { <a:s> <a:p> 'LOAD' }", update=True).kind is None
    for update in ("LOAD <http://x/>", "INSERT DATA { <a:s> <a:p> 1 } ;1LOAD <http://x/>"):
        with pytest.raises(QueryError, match="LOAD is refused"):
            inspect(update, update=True)
    with pytest.raises(QueryError, match="SERVICE"):
        inspect("INSERT { <a:s> <a:p> 1 } WHERE { SERVICE:x {} }", update=True)
    with pytest.raises(QueryError, match="nested"):
        inspect("INSERT DATA " + "{" * 11, max_depth=10, update=True)


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


@pytest.mark.parametrize(
    "query",
    [
        # Openers in a would-be IRI the engine reads as less-than and code.
        "SELECT * { FILTER(1<" + "(" * 70 + "1>0" + ")" * 70 + ") }",
        # Closers the engine may read inside a comment do not lower the count.
        "SELECT * { FILTER(?x<a#>" + ")" * 70 + "\n" + "(" * 70 + ") }",
        # Quoted triples nest too.
        "SELECT * { " + "<<" * 70 + " ?s ?p ?o " + ">> ?p ?o" * 70 + " }",
        # A PN_LOCAL escape does not hide the rest.
        "PREFIX ex: <http://e/> SELECT * { BIND(ex:a\\# AS ?z) " + "{" * 70 + "}" * 70 + " }",
    ],
)
def test_depth_cannot_be_hidden(query: str) -> None:
    with pytest.raises(QueryError, match="nested"):
        inspect(query, max_depth=64)


def test_hostile_tokenizer_input_is_fast() -> None:
    started = time.monotonic()
    quadratic = '"""' + '\\"' * 100_000  # once took minutes: each quote rescanned the rest
    for text in ('"' + "\\" * 200_000, LONG + "''a" * 60_000, "<" * 200_000, quadratic):
        with pytest.raises(QueryError):
            inspect(text)
    for text in ("?a<" * 60_000, "<a>" * 60_000, "(<b#> ?a)\n" * 20_000, "x" * 200_000):
        inspect(text)
    assert time.monotonic() - started < 2
