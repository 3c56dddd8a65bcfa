"""What runs inside a query worker process: evaluate, cap, serialize.

Everything pyoxigraph does with a query (parsing included) happens here, in a forked child,
so a crash or a runaway query costs a worker, never the service. It happens on a thread with
a deep stack (:class:`_Evaluator`): Oxigraph parses and evaluates recursively, and a flat
chain of operators overflows the 8 MiB of an ordinary stack long before nesting is deep.
"""

from __future__ import annotations

import contextlib
import faulthandler
import functools
import itertools
import os
import queue
import resource
import signal
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import IO, Any, cast

import pyoxigraph

from ..errors import FazhiError
from ..namespaces import PREFIXES
from .formats import NATIVE, formats_for, rdf_format, results_format


@dataclass(frozen=True)
class Job:
    query: str
    kind: str | None
    fmt: str | None
    union: bool
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    max_rows: int
    max_triples: int


@dataclass(frozen=True)
class Reply:
    ok: bool
    kind: str = ""
    fmt: str = ""
    body: bytes = b""
    truncated: bool = False
    error: str = ""
    status: int = 400
    extra: dict[str, Any] = field(default_factory=dict)


class _Enough(Exception):
    """Raised from the writer to stop the serializer once the row cap is passed."""


class _ResultCapWriter:
    """A binary sink for SPARQL XML results that stops after ``limit`` solutions.

    In the XML results format ``<`` inside values is always escaped, so the bytes
    ``</result>`` only ever close a solution: counting them counts rows, losslessly
    (TSV would do it per line, but Oxigraph writes e.g. xsd:nonNegativeInteger as a bare
    integer there, losing the datatype).
    """

    END = b"</result>"

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = bytearray()
        self.rows = 0

    def write(self, chunk: Any) -> int:
        start = max(len(self.data) - len(self.END) + 1, 0)
        self.data += bytes(chunk)
        self.rows += self.data.count(self.END, start)
        if self.rows > self.limit:
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        pass


def _cap_solutions(solutions: pyoxigraph.QuerySolutions, max_rows: int) -> tuple[Any, bool]:
    """The first ``max_rows`` solutions as a QuerySolutions, and whether more existed.

    The worker streams the solutions as SPARQL XML, stops once ``max_rows + 1`` are written,
    and reads the first ``max_rows`` back: the capped results then go through the same
    standard serializers as any other (nothing is built by hand).
    """
    writer = _ResultCapWriter(max_rows)
    with contextlib.suppress(_Enough):
        solutions.serialize(cast(IO[bytes], writer), format=pyoxigraph.QueryResultsFormat.XML)
    data = bytes(writer.data)
    truncated = writer.rows > max_rows
    if truncated:
        cut = data.index(b"<results>") + len(b"<results>")
        for _ in range(max_rows):
            cut = data.index(_ResultCapWriter.END, cut) + len(_ResultCapWriter.END)
        data = data[:cut] + b"</results></sparql>"
    back = pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.XML)
    return back, truncated


def _fmt(job: Job, kind: str) -> str:
    return job.fmt if job.fmt in formats_for(kind) else NATIVE[kind]


def evaluate(store: pyoxigraph.Store, job: Job) -> Reply:
    kwargs: dict[str, Any] = {}
    if job.default_graphs is not None:
        kwargs["default_graph"] = [pyoxigraph.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs is not None:
        kwargs["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in job.named_graphs]
    if job.union:
        kwargs["use_default_graph_as_union"] = True
    try:
        # The project prefixes are predefined (as rdflib does with a graph's bound namespaces);
        # a query's own PREFIX declarations take precedence.
        result = store.query(job.query, prefixes=PREFIXES, **kwargs)
        if isinstance(result, pyoxigraph.QueryBoolean):
            fmt = _fmt(job, "ask")
            return Reply(True, "ask", fmt, result.serialize(format=results_format(fmt)) or b"")
        if isinstance(result, pyoxigraph.QuerySolutions):
            fmt = _fmt(job, "select")
            capped, truncated = _cap_solutions(result, job.max_rows)
            body = capped.serialize(format=results_format(fmt)) or b""
            return Reply(True, "select", fmt, body, truncated)
        fmt = _fmt(job, "graph")
        triples = list(itertools.islice(result, job.max_triples + 1))
        truncated = len(triples) > job.max_triples
        body = pyoxigraph.serialize(
            triples[: job.max_triples], format=rdf_format(fmt), prefixes=PREFIXES
        )
        return Reply(True, "graph", fmt, body or b"", truncated)
    except SyntaxError as exc:
        return Reply(False, error=f"malformed query: {exc}", status=400)
    except RuntimeError as exc:
        # pyoxigraph's evaluation errors that the query itself causes (e.g. SERVICE over an
        # unbound variable); its storage and I/O failures are OSError, its bad arguments
        # ValueError: those are ours, and go to ``serve``'s 500.
        return Reply(False, error=f"query evaluation failed: {exc}", status=400)
    except FazhiError as exc:  # e.g. a remote store that cannot be reached (its own status)
        return Reply(False, error=exc.message, status=exc.status)


def _limit_memory(megabytes: int) -> None:
    """Cap the worker's address space at what it maps now plus ``megabytes``.

    What it maps now includes the evaluator's stack, reserved before the cap is set: so the
    stack is not taken out of ``megabytes``, and a query gets all of them for its data.
    """
    if megabytes <= 0:
        return
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = mapped + megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError):  # no /proc (not Linux): run without the cap
        pass


def _drop_inherited_sockets(keep: int) -> None:
    """Let go of the sockets forked from the server (client connections, the listener).

    A replacement worker is forked from a request thread: without this it would hold a copy
    of every open client connection, and a client reading to EOF would wait for the worker.
    Each socket is replaced by /dev/null (not closed), so no descriptor number is reused
    under a Python object that still thinks it owns it.
    """
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc (not Linux)
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in fds:
        if fd in (keep, devnull):
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.dup2(devnull, fd)
        except OSError:  # closed meanwhile (the descriptor listing itself)
            continue
    os.close(devnull)


def _wait_for_job(conn: Connection, parent: int) -> None:
    """Block until a job arrives; exit if the parent died (even by SIGKILL) meanwhile.

    The pipe alone does not tell: copies of the parent's end may live on in other processes.
    """
    while not conn.poll(1.0):
        if os.getppid() != parent:
            os._exit(0)


# Oxigraph's recursive parser and evaluator take 0.9-3 KiB of stack per operator, nested or
# not: the 8 MiB of an ordinary stack overflowed at ~9,300 `!` (or `||`, `&&`) in a row,
# ~6,900 `+`, ~6,650 UNION or OPTIONAL, ~2,650 BIND or MINUS, all far inside FAZHI_MAX_BODY.
# The densest chain that fits in 256 KiB (262,000 `!`) needs ~240 MiB; 512 MiB leaves room.
# It is address space, not memory: pages become resident only as deep as a query recurses,
# and RLIMIT_AS (_limit_memory) is set after the reservation, so QUERY_MEMORY stays the
# query's own.
EVAL_STACK = 512 * 1024 * 1024


def answer(store: pyoxigraph.Store, job: Job) -> Reply:
    """``evaluate``, with anything unexpected turned into a generic 500 reply."""
    try:
        return evaluate(store, job)
    except Exception as exc:  # keep the worker alive; the client gets a generic 500
        return Reply(
            False,
            error="internal error in the query engine",
            status=500,
            extra={"detail": f"{type(exc).__name__}: {exc}"},
        )


class _Evaluator:
    """One long-lived thread with an ``EVAL_STACK`` stack that answers jobs one at a time.

    Long-lived, not one thread per job: a new thread may be started while the last one's
    stack is not yet released, and two reservations would not fit under the memory cap.
    SIGKILL at the deadline stops the whole process, this thread included.
    """

    def __init__(self, store: pyoxigraph.Store) -> None:
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._replies: queue.SimpleQueue[Reply] = queue.SimpleQueue()
        previous = threading.stack_size(EVAL_STACK)
        try:
            threading.Thread(
                target=self._loop, args=(store,), name="fazhi-eval", daemon=True
            ).start()
        finally:
            threading.stack_size(previous)

    def _loop(self, store: pyoxigraph.Store) -> None:
        while True:
            self._replies.put(answer(store, self._jobs.get()))

    def __call__(self, job: Job) -> Reply:
        self._jobs.put(job)
        return self._replies.get()


def serve(conn: Connection, store: pyoxigraph.Store, memory_mb: int, parent: int) -> None:
    """The worker's loop: one job in, one reply out, until the parent goes away."""
    _drop_inherited_sockets(conn.fileno())
    faulthandler.disable()  # an abort here (memory cap) is expected: no Python stack dump
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent, which kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    run: Callable[[Job], Reply]
    try:
        run = _Evaluator(store)
    except RuntimeError:  # no room for the stack (an address-space limit from outside)
        run = functools.partial(answer, store)  # as before: on this thread's stack
    _limit_memory(memory_mb)
    while True:
        try:
            _wait_for_job(conn, parent)
            job = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        conn.send(run(job))
