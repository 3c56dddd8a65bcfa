"""A pool of forked query workers with a hard deadline per query.

Workers are forked from the process that holds the loaded graph, so they share the Oxigraph
store copy-on-write and start in milliseconds. A query that passes its deadline gets its
worker SIGKILLed (a thread cannot stop a runaway regex or a cartesian product) and a fresh
worker takes its place. The pool belongs to one process: under gunicorn each worker process
builds its own on first use, and a new graph version (after a write) retires the old workers.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph

from ..errors import FazhiError, Timeout
from .worker import Job, Reply, serve

log = logging.getLogger(__name__)
_FORK = multiprocessing.get_context("fork")


class WorkerCrashed(FazhiError):
    """The worker died while evaluating (e.g. it hit the memory cap)."""

    status = 503


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    generation: int

    def kill(self) -> None:
        if self.process.is_alive() and self.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=2)
        self.conn.close()


class WorkerPool:
    """``size`` workers evaluating jobs against ``store_factory()``'s store."""

    def __init__(
        self,
        store_factory: Callable[[], pyoxigraph.Store],
        version: Callable[[], int],
        size: int = 3,
        memory_mb: int = 0,
    ) -> None:
        self.store_factory = store_factory
        self.version = version
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.pid = os.getpid()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._closed = False

    def _spawn(self, store: pyoxigraph.Store, generation: int) -> _Worker:
        parent, child = _FORK.Pipe()
        process = _FORK.Process(
            target=serve,
            args=(child, store, self.memory_mb, os.getpid()),
            daemon=True,
            name="fazhi-query",
        )
        process.start()
        child.close()
        return _Worker(process, parent, generation)

    def _refresh(self) -> None:
        """Start the pool, or restart it after the graph changed (new version)."""
        current = self.version()
        if self._generation == current:
            return
        with self._lock:
            if self._generation == current:
                return
            store = self.store_factory()  # built before forking, so every worker shares it
            while True:
                try:
                    self._idle.get_nowait().kill()
                except queue.Empty:
                    break
            for _ in range(self.size):
                self._idle.put(self._spawn(store, current))
            self._generation = current

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if self._closed or worker.generation != self._generation:
                return  # a refresh already started the new generation's workers
            store = self.store_factory()
            self._idle.put(self._spawn(store, worker.generation))

    def _release(self, worker: _Worker) -> None:
        if worker.generation != self._generation or self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def submit(self, job: Job, timeout: float) -> Reply:
        """Evaluate ``job`` in a worker; Timeout (503) when ``timeout`` seconds pass first."""
        if self._closed:
            raise WorkerCrashed("the query engine is shut down")
        deadline = time.monotonic() + timeout
        self._refresh()
        try:
            worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            raise Timeout(
                f"all query workers stayed busy for {timeout:g} s; try again later"
            ) from None
        if not worker.process.is_alive():  # died while idle (killed from outside)
            self._replace(worker)
            return self.submit(job, max(deadline - time.monotonic(), 0.01))
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(deadline - time.monotonic(), 0)):
                self._replace(worker)
                raise Timeout(
                    f"query stopped after the {timeout:g} s time limit "
                    "(make it more selective, or add a LIMIT)"
                )
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            log.warning("query worker %s died: %s", worker.process.pid, exc)
            self._replace(worker)
            raise WorkerCrashed(
                "the query was too large for the engine (worker stopped); "
                "make it more selective or add a LIMIT"
            ) from None
        self._release(worker)
        return reply

    def close(self) -> None:
        with self._lock:
            self._closed = True
            while True:
                try:
                    self._idle.get_nowait().kill()
                except queue.Empty:
                    break
