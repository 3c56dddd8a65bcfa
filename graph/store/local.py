"""Oxigraph backends in this process: ``memory`` and the on-disk ``oxigraph:PATH``."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import LoadError
from . import Backend
from .rdf import from_rdflib, graph_key, graph_name, replace_update

VERSION_FILE = "fazhi.version"
LOCK_FILE = "fazhi.lock"


def _select(store: ox.Store, graphs: Iterable[str] | None) -> Iterator[ox.Quad]:
    if graphs is None:
        yield from store.quads_for_pattern(None, None, None, None)
        return
    for key in graphs:
        yield from store.quads_for_pattern(None, None, None, graph_name(key))


def _names(store: ox.Store) -> list[str]:
    return sorted(graph_key(name) for name in store.named_graphs())


class _LocalBackend(Backend):
    """What the in-process Oxigraph stores (memory, disk) answer the same way."""

    def named_graphs(self) -> list[str]:
        return _names(self.engine())

    def quads(self, graphs: Iterable[str] | None = None) -> Iterator[ox.Quad]:
        return _select(self.engine(), graphs)


class MemoryBackend(_LocalBackend):
    """The dataset loaded at start-up, mirrored into an in-memory Oxigraph store.

    Until the first write the rdflib dataset is the source (callers may mutate it and
    ``touch()``); after a write the Oxigraph store is, and the dataset is re-derived from it.
    """

    spec = "memory"

    def __init__(self, dataset: Dataset) -> None:
        self._dataset: Dataset | None = dataset
        self._store: ox.Store | None = None
        self._version = 0
        self._lock = threading.RLock()

    def version(self) -> int:
        return self._version

    def engine(self) -> ox.Store:
        with self._lock:
            if self._store is None:
                assert self._dataset is not None
                store = ox.Store()
                store.bulk_extend(from_rdflib(self._dataset))
                self._store = store
            return self._store

    def dataset(self) -> Dataset:
        with self._lock:
            if self._dataset is None:
                self._dataset = super().dataset()
            return self._dataset

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._lock:
            yield

    def replace(self, graphs: Mapping[str, Iterable[ox.Triple] | None]) -> None:
        with self._lock:
            self.engine().update(replace_update(graphs))
            self._dataset = None
            self._version += 1

    def touch(self) -> None:
        with self._lock:
            if self._dataset is not None:  # the dataset was edited in place: rebuild the mirror
                self._store = None
            self._version += 1


class DiskBackend(_LocalBackend):
    """A persistent RocksDB-backed Oxigraph store in a directory, shared by processes.

    Readers open read-only snapshots (one per version); a writer takes an exclusive
    ``flock`` on ``fazhi.lock``, opens the store read-write, commits in one transaction,
    flushes to disk, bumps ``fazhi.version`` and closes. Readers open under a shared lock,
    so they never see a half-done write and pick up the new version on their next request.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.spec = f"oxigraph:{self.path}"
        self._thread_lock = threading.RLock()
        self._rw: ox.Store | None = None
        self._owner: int | None = None
        self._reader: tuple[int, ox.Store] | None = None  # this process's snapshot, by version
        self.path.mkdir(parents=True, exist_ok=True)
        if not (self.path / "CURRENT").exists():
            with self.write_lock():
                pass  # opening read-write creates the database

    @contextmanager
    def _flock(self, mode: int) -> Iterator[None]:
        with open(self.path / LOCK_FILE, "a+b") as handle:
            fcntl.flock(handle, mode)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def version(self) -> int:
        try:
            return int((self.path / VERSION_FILE).read_text() or 0)
        except FileNotFoundError:
            return 0

    def engine(self) -> ox.Store:
        if self._rw is not None and self._owner == threading.get_ident():
            return self._rw  # the writing thread reads its own uncommitted state
        version = self.version()
        cached = self._reader
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._flock(fcntl.LOCK_SH):
            try:
                store = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise LoadError(f"cannot open store {self.path}: {exc}") from exc
        self._reader = (version, store)
        return store

    def open_engine(self) -> ox.Store:
        """A snapshot of its own (not shared with this process's other readers)."""
        with self._flock(fcntl.LOCK_SH):
            return ox.Store.read_only(str(self.path))

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._thread_lock:
            if self._rw is not None:  # re-entered by the same thread
                yield
                return
            with self._flock(fcntl.LOCK_EX):
                try:
                    self._rw = ox.Store(str(self.path))
                except OSError as exc:
                    raise LoadError(f"cannot open store {self.path} for writing: {exc}") from exc
                self._owner = threading.get_ident()
                try:
                    yield
                    self._rw.flush()
                finally:
                    self._rw = self._owner = None  # the only reference: RocksDB closes

    def writer(self) -> ox.Store:
        """The read-write store; only inside ``write_lock()`` (bulk loads use it directly)."""
        if self._rw is None:
            raise RuntimeError("writer() outside write_lock()")
        return self._rw

    def replace(self, graphs: Mapping[str, Iterable[ox.Triple] | None]) -> None:
        with self.write_lock():
            store = self.writer()
            store.update(replace_update(graphs))
            self.committed()

    def committed(self) -> None:
        """Make the last commit durable and visible to readers (inside ``write_lock()``)."""
        self.writer().flush()
        target = self.path / VERSION_FILE
        tmp = target.with_suffix(".tmp")
        with open(tmp, "w") as handle:
            handle.write(str(self.version() + 1))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
