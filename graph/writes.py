"""Validate-then-commit: every write is checked with the shapes before the store changes.

A write names the graphs it changes (``graph.updates.footprint`` for SPARQL Update; the
target graph for the Graph Store Protocol). Under the store's write lock, those graphs (and
the ones the update reads) are copied into a scratch in-memory Oxigraph store, the write is
applied there, and every changed graph is validated against the ontology as it would be
after the write. Only if all conform does the store replace those graphs, in one atomic and
durable step. The scratch work runs in a forked child killed at the time limit (503).
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import FazhiError, NotFound, QueryError, Timeout, TooLarge, Unprocessable
from .load import ONTOLOGY_GRAPH
from .store.rdf import DEFAULT, graph_name, parse_triples
from .updates import footprint

if TYPE_CHECKING:
    from .kg import KnowledgeGraph

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteLimits:
    timeout: float = 10.0  # seconds for copy + apply + validate; 0: no child process, no limit
    max_triples: int = 200_000  # triples a write may add or carry
    max_depth: int = 64  # deepest nesting of an update (graph.sparqlcheck)


LIMITS = WriteLimits()


@dataclass
class WriteResult:
    """What an accepted write did: the triple count of each changed graph (None: removed)."""

    graphs: dict[str, int | None] = field(default_factory=dict)
    created: bool = False


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    from .load import ontology_graph

    return ontology_graph()


def _rdflib_graph(key: str, triples: list[ox.Triple]) -> Graph:
    graph = Graph(identifier=None if key == DEFAULT else URIRef(key))
    graph.parse(data=_ntriples(triples), format="nt")
    return graph


def validate_graphs(after: dict[str, list[ox.Triple] | None]) -> None:
    """Raise Unprocessable (422) with the SHACL report if any changed graph does not conform."""
    from .validate import validate

    for key, triples in sorted(after.items()):
        if triples is None:
            continue
        graph = _rdflib_graph(key, triples)
        ontology = graph if key == str(ONTOLOGY_GRAPH) else _ontology()
        report = validate(graph, ontology=ontology)
        if not report.conforms:
            raise Unprocessable(
                f"the write would leave graph <{key}> non-conformant; nothing was changed",
                graph=key,
                report=report.to_json(),
                report_turtle=report.to_turtle(),
            )


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _triples(store: ox.Store, key: str) -> list[ox.Triple]:
    return [q.triple for q in store.quads_for_pattern(None, None, None, graph_name(key))]


def _scratch(nquads: bytes) -> ox.Store:
    store = ox.Store()
    if nquads:
        store.load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def _plan_update(nquads: bytes, update: str, targets: set[str], cap: int) -> dict[str, Any]:
    store = _scratch(nquads)
    before = len(store)
    try:
        store.update(update)
    except (SyntaxError, RuntimeError) as exc:
        # pyoxigraph: the update does not parse, or its own evaluation error (e.g. CREATE of a
        # graph that exists). OSError (storage) and ValueError (our arguments) are a 500.
        raise QueryError(f"update failed: {exc}") from exc
    if len(store) - before > cap:
        raise TooLarge(f"the update adds more than {cap} triples")
    kept = {k for k in targets if k == DEFAULT or store.contains_named_graph(ox.NamedNode(k))}
    return {key: (_triples(store, key) if key in kept else None) for key in targets}


def _in_child(work: Callable[[], Any], timeout: float) -> Any:
    """Run ``work`` in a forked child; kill it at ``timeout`` (503). Errors come back as raised."""
    if timeout <= 0:
        return work()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        try:
            try:
                payload = pickle.dumps(("ok", work()))
            except FazhiError as exc:
                payload = pickle.dumps(("error", (type(exc), exc.message, exc.details)))
            except Exception:
                log.exception("write worker failed")
                payload = pickle.dumps(("error", (FazhiError, "write failed (internal error)", {})))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_fd], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                raise Timeout(
                    f"the write was stopped at the {timeout:g} s time limit; nothing was changed"
                )
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        raise FazhiError("the write worker died; nothing was changed")
    status, value = pickle.loads(b"".join(chunks))  # noqa: S301 (our own child's bytes)
    if status == "error":
        cls, message, details = value
        raise cls(message, **details)
    return value


Plan = Callable[[bytes], dict[str, list[ox.Triple] | None]]


def _commit(
    kg: KnowledgeGraph, plan: Plan, reads: Iterable[str] | None, limits: WriteLimits
) -> WriteResult:
    """Copy the ``reads`` graphs (None: every graph), plan, validate, replace atomically."""
    from .validate import warm

    _ontology()  # parsed once here, then inherited by every forked child
    warm()
    backend = kg.store
    with backend.write_lock():
        existing = set(backend.named_graphs())
        chosen = None if reads is None else sorted(reads)
        copy = ox.serialize(backend.quads(chosen), format=ox.RdfFormat.N_QUADS) or b""

        def work() -> dict[str, bytes | None]:
            after = plan(copy)
            validate_graphs(after)
            # pyoxigraph terms do not pickle: hand the result back as N-Triples.
            return {k: None if v is None else _ntriples(v) for k, v in after.items()}

        after = {
            k: None if v is None else [q.triple for q in ox.parse(v, format=ox.RdfFormat.N_TRIPLES)]
            for k, v in _in_child(work, limits.timeout).items()
        }
        backend.replace(after)
    kg.touch()
    created = any(k not in existing and k != DEFAULT and v for k, v in after.items())
    return WriteResult({k: None if v is None else len(v) for k, v in after.items()}, created)


def update(kg: KnowledgeGraph, text: str, limits: WriteLimits = LIMITS) -> WriteResult:
    """Run a SPARQL 1.1 Update (LOAD and SERVICE refused; graphs named; WHERE patterns outside
    GRAPH refused unless WITH or USING names what they read, see ``graph.updates``)."""
    scope = footprint(text, limits.max_depth)

    def plan(copy: bytes) -> dict[str, list[ox.Triple] | None]:
        return _plan_update(copy, text, scope.targets, limits.max_triples)

    return _commit(kg, plan, None if scope.reads_all else scope.reads, limits)


def put_graph(
    kg: KnowledgeGraph,
    key: str,
    body: bytes,
    fmt: ox.RdfFormat,
    limits: WriteLimits = LIMITS,
) -> WriteResult:
    """Graph Store PUT: the graph becomes exactly what ``body`` says."""
    return _commit(
        kg,
        lambda _copy: {key: parse_triples(body, fmt, max_triples=limits.max_triples)},
        [],
        limits,
    )


def post_graph(
    kg: KnowledgeGraph,
    key: str,
    body: bytes,
    fmt: ox.RdfFormat,
    limits: WriteLimits = LIMITS,
) -> WriteResult:
    """Graph Store POST: the triples of ``body`` are merged into the graph."""

    def plan(copy: bytes) -> dict[str, list[ox.Triple] | None]:
        triples = parse_triples(body, fmt, max_triples=limits.max_triples)
        store = _scratch(copy)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph_name(key)) for t in triples)
        return {key: _triples(store, key)}

    return _commit(kg, plan, [key], limits)


def delete_graph(kg: KnowledgeGraph, key: str, limits: WriteLimits = LIMITS) -> WriteResult:
    """Graph Store DELETE (404 when the graph does not exist)."""
    if key != DEFAULT and key not in kg.store.named_graphs():
        raise NotFound(f"no graph <{key}>")
    return _commit(kg, lambda _copy: {key: None}, [], limits)


def get_graph(kg: KnowledgeGraph, key: str) -> list[ox.Triple]:
    """Graph Store GET (404 when the graph does not exist)."""
    if key != DEFAULT and key not in kg.store.named_graphs():
        raise NotFound(f"no graph <{key}>")
    return [q.triple for q in kg.store.quads([key])]
