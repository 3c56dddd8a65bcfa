"""What a SPARQL 1.1 update may do, found before anything runs it.

``graph.sparqlcheck`` (the one tokenizer, in update mode) refuses LOAD, SERVICE and too deep
nesting; rdflib's update parser then tells which graphs the update writes and which it reads.

Patterns outside ``GRAPH`` in an update's WHERE would match the store's own unnamed default
graph, not the union of all graphs that queries see, so such an update would silently match
nothing; it is refused (400) unless ``WITH <g>`` or ``USING <g>`` says which graphs they read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyparsing import ParseBaseException
from rdflib import URIRef, Variable

from .errors import QueryError
from .sparqlcheck import inspect
from .store.rdf import DEFAULT

DEFAULT_GRAPH_READ = (
    "the WHERE clause matches patterns outside GRAPH, which in an update means the store's "
    "unnamed default graph, not the union of all graphs that queries see: use "
    "GRAPH <…> { … } in WHERE (or name the graphs with WITH <…> or USING <…>)"
)
DELETE_WHERE_DEFAULT = (
    "DELETE WHERE matches triples outside GRAPH, which in an update means the store's unnamed "
    "default graph, not the union of all graphs that queries see: put them in GRAPH <…> { … } "
    "(CLEAR DEFAULT empties the default graph)"
)


@dataclass
class Footprint:
    """The graphs an update writes (``targets``) and the ones it reads from (``reads``;
    every graph when ``reads_all``, e.g. for ``GRAPH ?g`` in a WHERE clause)."""

    targets: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    reads_all: bool = False


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


GRAPHS = {"Graph": "term", "GraphGraphPattern": "term"}  # algebra / parse-tree spellings
PATTERNS = {"BGP", "TriplesBlock"}


@dataclass
class _Reads:
    graphs: set[str] = field(default_factory=set)
    every_graph: bool = False
    default_graph: bool = False


def _where_reads(node: Any, found: _Reads, in_graph: bool = False) -> None:
    """The graphs a WHERE tree reads (``FILTER EXISTS`` stays a parse tree inside it)."""
    if isinstance(node, dict):
        name = getattr(node, "name", None)
        if name in GRAPHS:
            term = _get(node, GRAPHS[name])
            if isinstance(term, URIRef):
                found.graphs.add(str(term))
            else:
                found.every_graph = True
            in_graph = True
        elif name in PATTERNS and _get(node, "triples") and not in_graph:
            found.default_graph = True
        for value in node.values():
            _where_reads(value, found, in_graph)
    elif isinstance(node, list | tuple):
        for value in node:
            _where_reads(value, found, in_graph)


def _parse(update: str) -> list[Any]:
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return list(translateUpdate(parseUpdate(update)).algebra)
    except (ParseBaseException, ValueError) as exc:  # ValueError: a bad \u escape
        raise QueryError(f"update does not parse: {exc}") from exc
    except RecursionError:  # rdflib's parser recurses deeper per level than the engine
        raise QueryError("update nested too deeply to be analysed: flatten it") from None


def _modify(op: Any, result: Footprint) -> None:
    with_clause = _get(op, "withClause")
    into = DEFAULT if with_clause is None else _key(with_clause)
    for clause in (_get(op, "delete"), _get(op, "insert")):
        if clause is not None:
            result.targets |= {_key(g) for g in _get(clause, "quads") or {}}
            if _get(clause, "triples"):
                result.targets.add(into)
    using = [
        (kind, _key(iri)) for clause in _get(op, "using") or () for kind, iri in clause.items()
    ]
    result.reads |= {key for _, key in using}
    reads = _Reads()
    _where_reads(_get(op, "where"), reads)
    if reads.default_graph:
        if with_clause is None and not any(kind == "default" for kind, _ in using):
            raise QueryError(DEFAULT_GRAPH_READ)
        if not using:
            result.reads.add(into)
    result.reads |= reads.graphs
    result.reads_all |= reads.every_graph


def footprint(update: str, max_depth: int = 64) -> Footprint:
    """Screen, parse and return the update's footprint (400 with the parser's message if bad)."""
    inspect(update, max_depth, update=True)
    result = Footprint()
    for op in _parse(update):
        name = op.name
        if name == "Load":
            raise QueryError("LOAD is refused: send the data in the request instead")
        if name in {"InsertData", "DeleteData"}:
            result.targets |= {_key(g) for g in _get(op, "quads") or {}}
            if _get(op, "triples"):
                result.targets.add(DEFAULT)
        elif name == "DeleteWhere":
            if _get(op, "triples"):
                raise QueryError(DELETE_WHERE_DEFAULT)
            result.targets |= {_key(g) for g in _get(op, "quads") or {}}
        elif name == "Modify":
            _modify(op, result)
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
