"""Screening SPARQL 1.1 updates before anything runs them: refused keywords and touched graphs.

A small tokenizer (strings, IRIs and comments skipped) finds ``LOAD`` and ``SERVICE`` and
measures nesting, so a refused keyword hidden in a literal is not a false alarm and one
hidden in a comment does not slip through a naive regex. rdflib's update parser then tells
which graphs the update writes and which it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef, Variable

from .errors import QueryError
from .store.rdf import DEFAULT

REFUSED = {
    "LOAD": "LOAD is refused: send the data in the request instead",
    "SERVICE": "SERVICE is refused",
}
MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%:-]*)?|:[\w.%:-]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def screen(update: str) -> None:
    """Refuse LOAD, SERVICE and deep nesting before any parser sees the update."""
    depth = 0
    for match in _TOKEN.finditer(update):
        kind = match.lastgroup
        if kind == "word" and match.group().upper() in REFUSED:
            raise QueryError(REFUSED[match.group().upper()])
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"update nested deeper than {MAX_DEPTH} levels")
        elif kind == "close":
            depth -= 1


@dataclass
class Footprint:
    """The graphs an update writes (``targets``) and the ones it reads from (``reads``)."""

    targets: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)


def _key(term: Any) -> str:
    if isinstance(term, URIRef):
        return str(term)
    if term == "DEFAULT":
        return DEFAULT
    if isinstance(term, Variable) or term in {"ALL", "NAMED"}:
        raise QueryError("writes must name the graphs they change (no GRAPH ?var, ALL or NAMED)")
    raise QueryError(f"unsupported graph reference {term!r}")


def _get(node: Any, key: str) -> Any:
    # rdflib's CompValue.get returns the key itself when it is missing.
    return dict.get(node, key)


def _graph_terms(node: Any, found: set[str]) -> None:
    """Graph IRIs under ``GRAPH <iri>`` anywhere in a WHERE algebra tree."""
    if isinstance(node, dict):
        if getattr(node, "name", None) == "Graph" and isinstance(_get(node, "term"), URIRef):
            found.add(str(node["term"]))
        for value in node.values():
            _graph_terms(value, found)
    elif isinstance(node, list | tuple):
        for value in node:
            _graph_terms(value, found)


def footprint(update: str) -> Footprint:
    """Screen, parse and return the update's footprint (400 with the parser's message if bad)."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    screen(update)
    try:
        operations = translateUpdate(parseUpdate(update)).algebra
    except Exception as exc:  # pyparsing and rdflib raise many types for bad syntax
        raise QueryError(f"update does not parse: {exc}") from exc
    result = Footprint()
    for op in operations:
        name = op.name
        if name == "Load":
            raise QueryError(REFUSED["LOAD"])
        if name in {"InsertData", "DeleteData", "DeleteWhere"}:
            result.targets |= {_key(g) for g in _get(op, "quads") or {}}
            if _get(op, "triples"):
                result.targets.add(DEFAULT)
        elif name == "Modify":
            with_clause = _get(op, "withClause")
            into = DEFAULT if with_clause is None else _key(with_clause)
            for clause in (_get(op, "delete"), _get(op, "insert")):
                if clause is not None:
                    result.targets |= {_key(g) for g in _get(clause, "quads") or {}}
                    if _get(clause, "triples"):
                        result.targets.add(into)
            result.reads.add(into)
            for using in _get(op, "using") or ():
                result.reads |= {_key(v) for v in using.values()}
            _graph_terms(_get(op, "where"), result.reads)
        elif name in {"Clear", "Drop", "Create"}:
            result.targets.add(_key(op["graphiri"]))
        elif name in {"Add", "Copy", "Move"}:
            source, target = (_key(g) for g in op["graph"])
            result.reads.add(source)
            result.targets |= {target, source} if name == "Move" else {target}
        else:
            raise QueryError(f"unsupported update operation {name}")
    result.reads |= result.targets
    return result
