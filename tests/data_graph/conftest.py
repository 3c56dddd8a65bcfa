"""Run a query on both engines and turn the answers into comparable Python rows."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.kg import KnowledgeGraph

NUMERIC = {
    str(XSD.integer),
    str(XSD.decimal),
    str(XSD.double),
    str(XSD.float),
    str(XSD.nonNegativeInteger),
}

Row = tuple[Any, ...]


def _from_rdflib(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    raise TypeError(term)


def _from_oxigraph(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:"
    if isinstance(term, pyoxigraph.Literal):
        return _literal(term.value, term.datatype.value, term.language)
    raise TypeError(term)


def _literal(value: str, datatype: str | None, language: str | None) -> Any:
    """Numbers as Decimal, booleans as bool, strings as str (language kept as (text, lang))."""
    if datatype in NUMERIC:
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else number
    if datatype == str(XSD.boolean):
        return value in ("true", "1")
    if language:
        return (value, language)
    return value


def run_rdflib(kg: KnowledgeGraph, query: str) -> list[Row]:
    result = kg.dataset.query(query)
    return [tuple(_from_rdflib(row[v]) for v in result.vars) for row in result]


def run_oxigraph(kg: KnowledgeGraph, query: str) -> list[Row]:
    solutions = kg.oxigraph.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [tuple(_from_oxigraph(s[n]) for n in names) for s in solutions]


@pytest.fixture(scope="session")
def both_engines(real_kg: KnowledgeGraph) -> Callable[[str], list[Row]]:
    """Rows from rdflib and pyoxigraph; fails unless both engines return the same rows in order."""

    def run(query: str) -> list[Row]:
        rows = run_rdflib(real_kg, query)
        assert run_oxigraph(real_kg, query) == rows
        return rows

    return run
