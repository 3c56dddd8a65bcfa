"""SPARQL over the knowledge graph: checked, evaluated on Oxigraph in killable workers, capped.

``run(kg, query, ...)`` is the one entry point the service and the CLI share:

1. ``check`` tokenizes the query and refuses SERVICE, updates and too deep nesting (400)
   before anything reaches the engine;
2. a forked worker evaluates it on the store from ``open_engine(kg)`` (parse errors come back
   with pyoxigraph's message, 400), and is SIGKILLed at the deadline (503);
3. the worker caps rows / triples and serializes with pyoxigraph's standard serializers.

Dataset: without protocol graphs or FROM clauses the default graph is the union of every
loaded graph; ``default_graph_uris`` / ``named_graph_uris`` and FROM / FROM NAMED select
among graphs already loaded (an unknown IRI is an empty graph; nothing is ever fetched).
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph

from ..errors import FazhiError, QueryError
from ..sparqlcheck import QueryShape, inspect
from .formats import (
    GRAPH_FORMATS,
    PARSEABLE_RESULTS,
    RESULT_FORMATS,
    formats_for,
    rdf_format,
    results_format,
)
from .pool import WorkerPool
from .worker import Job

if TYPE_CHECKING:
    from ..kg import KnowledgeGraph

log = logging.getLogger(__name__)

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "EngineError",
    "Limits",
    "QueryResult",
    "check",
    "open_engine",
    "run",
    "shutdown",
    "warm_up",
]


class EngineError(FazhiError):
    """A failure a query worker reported, with the status it chose (502, 503, 500 …)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """The safety limits of one query (the service fills them from its settings)."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_triples: int = 100_000
    max_depth: int = 64
    workers: int = 3
    memory_mb: int = 2048


@dataclass(frozen=True)
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    fmt: str  # the format ``body`` is in (a key of RESULT_FORMATS or GRAPH_FORMATS)
    body: bytes
    truncated: bool = False

    @property
    def media_type(self) -> str:
        return formats_for(self.kind)[self.fmt].media_type

    def solutions(self) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean:
        """The SELECT solutions (or ASK boolean) read back from ``body``."""
        if self.kind == "graph" or self.fmt not in PARSEABLE_RESULTS:
            raise QueryError(f"cannot read {self.kind} results in {self.fmt} back")
        return pyoxigraph.parse_query_results(self.body, format=results_format(self.fmt))

    def serialize(self, fmt: str | None = None) -> bytes:
        """The result in ``fmt`` (default: as evaluated), re-serialized by pyoxigraph."""
        if fmt is None or fmt == self.fmt:
            return self.body
        if fmt not in formats_for(self.kind):
            raise QueryError(f"format {fmt!r} does not apply to a {self.kind} result")
        if self.kind == "graph":
            triples = pyoxigraph.parse(self.body, format=rdf_format(self.fmt))
            return pyoxigraph.serialize(triples, format=rdf_format(fmt)) or b""
        return self.solutions().serialize(format=results_format(fmt)) or b""


def check(query: str, max_depth: int = Limits.max_depth) -> QueryShape:
    """Refuse what must never reach the engine (QueryError, 400); return what was learned."""
    if "\x00" in query:
        raise QueryError("the query contains a NUL character")
    if not query.strip():
        raise QueryError("the query is empty")
    return inspect(query, max_depth)


def open_engine(kg: KnowledgeGraph) -> pyoxigraph.Store:
    """The store the workers evaluate on: the one seam for other storage backends.

    Memory backend: the KnowledgeGraph's Oxigraph mirror, which forked workers inherit.
    """
    return kg.oxigraph


_pools: dict[int, tuple[weakref.ref[KnowledgeGraph], WorkerPool]] = {}
_pools_lock = threading.Lock()


def _pool(kg: KnowledgeGraph, limits: Limits) -> WorkerPool:
    """The pool serving ``kg`` in this process (made on first use, after the graph loaded)."""
    with _pools_lock:
        entry = _pools.get(id(kg))
        if entry and entry[0]() is kg and entry[1].pid == os.getpid():
            return entry[1]
        pool = WorkerPool(
            lambda: open_engine(kg),
            lambda: kg.version,
            size=limits.workers,
            memory_mb=limits.memory_mb,
        )
        _pools[id(kg)] = (weakref.ref(kg), pool)
        weakref.finalize(kg, pool.close)
        return pool


def shutdown() -> None:
    """Stop every worker this process started (tests and CLI exit)."""
    with _pools_lock:
        for _, pool in _pools.values():
            if pool.pid == os.getpid():
                pool.close()
        _pools.clear()


def warm_up(kg: KnowledgeGraph, limits: Limits = Limits()) -> None:
    """Start the workers now (e.g. before a server starts its threads)."""
    run(kg, "ASK {}", limits=limits)


def run(
    kg: KnowledgeGraph,
    query: str,
    *,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
    limits: Limits = Limits(),
    fmt: str | None = None,
) -> QueryResult:
    """Check and evaluate ``query``; serialize as ``fmt`` (default: a lossless native form)."""
    shape = check(query, limits.max_depth)
    if fmt is not None and shape.kind is not None and fmt not in formats_for(shape.kind):
        raise QueryError(f"format {fmt!r} does not apply to a {shape.kind} query")
    protocol_dataset = bool(default_graph_uris or named_graph_uris)
    job = Job(
        query=query,
        kind=shape.kind,
        fmt=fmt,
        union=not protocol_dataset and not shape.has_dataset,
        default_graphs=tuple(default_graph_uris) if protocol_dataset else None,
        named_graphs=tuple(named_graph_uris) if protocol_dataset else None,
        max_rows=limits.max_rows,
        max_triples=limits.max_triples,
    )
    reply = _pool(kg, limits).submit(job, limits.timeout)
    if not reply.ok:
        if reply.status == 400:
            raise QueryError(reply.error)
        if "detail" in reply.extra:
            log.error("query worker failed: %s", reply.extra["detail"])
        raise EngineError(reply.error, reply.status)
    return QueryResult(reply.kind, reply.fmt, reply.body, reply.truncated)
