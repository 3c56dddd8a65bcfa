"""``sparql:QUERY_URL[,UPDATE_URL]``: an existing SPARQL 1.1 server behind the service.

The server must serve the union of its named graphs as the default graph (Oxigraph:
``--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``), as the memory store does.
Results come back as pyoxigraph objects, so the service serializes them exactly as it does
for the local stores. Nothing here caches: workers stay stateless.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox

from ..errors import FazhiError, MethodNotAllowed, QueryError
from . import Backend
from .rdf import DEFAULT, replace_update

FORM = "application/x-www-form-urlencoded"
FINGERPRINT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
HTTP_TIMEOUT = 300.0  # the query worker's deadline is the real limit; this only stops hangs
UNAVAILABLE = "SPARQL store unavailable"

log = logging.getLogger(__name__)


class StoreUnavailable(FazhiError):
    """The remote SPARQL server did not answer properly (details are logged, not shown)."""

    status = 502


def _unavailable(detail: str) -> StoreUnavailable:
    """The generic error for the client; the store's URL and its answer go to the log."""
    log.error("SPARQL store: %s", detail)
    return StoreUnavailable(UNAVAILABLE)


def _post(url: str, body: bytes, content_type: str, accept: str = "*/*") -> tuple[str, bytes]:
    request = urllib.request.Request(  # noqa: S310 (the URL is the operator's own setting)
        url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:  # noqa: S310
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        # The store's own URL, error pages and messages stay in the log.
        message = exc.read(2000).decode("utf-8", "replace")
        if exc.code == 400:
            log.warning("SPARQL store at %s refused a request: %s", url, message)
            raise QueryError("the SPARQL store refused the request as malformed") from None
        raise _unavailable(f"{url} answered {exc.code}: {message}") from None
    except OSError as exc:
        raise _unavailable(f"{url} does not answer: {exc}") from None


class RemoteEngine:
    """Duck-types ``pyoxigraph.Store.query`` over the SPARQL 1.1 Protocol."""

    def __init__(self, query_url: str) -> None:
        self.query_url = query_url

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph: Any = None,
        named_graphs: Any = None,
        **_: Any,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        fields: list[tuple[str, str]] = [("query", query)]
        defaults = default_graph if isinstance(default_graph, list) else [default_graph]
        fields += [("default-graph-uri", g.value) for g in defaults if isinstance(g, ox.NamedNode)]
        fields += [
            ("named-graph-uri", g.value) for g in named_graphs or () if isinstance(g, ox.NamedNode)
        ]
        body = urllib.parse.urlencode(fields).encode()
        try:
            content_type, data = _post(self.query_url, body, FORM, ACCEPT)
        except QueryError as exc:  # the query workers answer a SyntaxError as a 400
            raise SyntaxError(exc.message) from exc
        media = content_type.split(";")[0].strip().lower()
        if media == "application/sparql-results+json":
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if media == "application/n-triples":
            # Re-emit through a scratch store so callers get a real QueryTriples object.
            scratch = ox.Store()
            scratch.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise _unavailable(f"{self.query_url} answered with type {media or '(none)'}")


class SparqlBackend(Backend):
    def __init__(self, query_url: str, update_url: str | None, *, refresh: float = 60.0) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.spec = f"sparql:{query_url}" + (f",{update_url}" if update_url else "")
        self.writable = update_url is not None
        self.refresh = max(refresh, 0.001)
        self._writes = self._changes = 0
        self._count = -1
        self._checked = -self.refresh
        self._lock = threading.Lock()  # guards the counters
        self._write_lock = threading.Lock()

    def version(self) -> int:
        """Bumps on our writes, and when the server's quad count changed (checked every
        ``refresh`` seconds), so linkage and exports are not rebuilt while nothing changes."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= self.refresh:
                self._checked = now
                try:
                    rows = self.engine().query(FINGERPRINT)
                    count = int(next(iter(rows))[0].value)  # type: ignore[arg-type]
                except (FazhiError, SyntaxError, StopIteration, ValueError):
                    count = self._count  # unreachable now: keep serving what we have
                if count != self._count:
                    self._count, self._changes = count, self._changes + 1
            return self._writes + self._changes

    def engine(self) -> RemoteEngine:
        return RemoteEngine(self.query_url)

    def named_graphs(self) -> list[str]:
        rows = self.engine().query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(rows, ox.QuerySolutions)
        return sorted(row[0].value for row in rows if isinstance(row[0], ox.NamedNode))

    def quads(self, graphs: Iterable[str] | None = None) -> Iterator[ox.Quad]:
        for key in self.named_graphs() if graphs is None else graphs:
            if key == DEFAULT:
                raise QueryError("the default graph of a remote store is the union: name a graph")
            name = ox.NamedNode(key)
            result = self.engine().query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{key}> {{ ?s ?p ?o }} }}"
            )
            assert isinstance(result, ox.QueryTriples)
            for triple in result:
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._write_lock:  # serialises this process only: route writes to one replica
            yield

    def replace(self, graphs: Mapping[str, Iterable[ox.Triple] | None]) -> None:
        if self.update_url is None:
            raise MethodNotAllowed("the store is read-only (no UPDATE_URL in FAZHI_STORE)")
        if DEFAULT in graphs:
            raise QueryError("the default graph of a remote store is the union: name a graph")
        _post(self.update_url, replace_update(graphs).encode(), "application/sparql-update")
        with self._lock:
            self._writes += 1

    def touch(self) -> None:
        with self._lock:
            self._writes += 1
