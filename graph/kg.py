"""The loaded knowledge graph: a store backend plus the views built from it on demand."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

from .load import load_dataset
from .store import Backend, open_backend
from .store.local import MemoryBackend

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph


class KnowledgeGraph:
    """One store (``graph.store``) and its derived views (rdflib dataset, networkx projection).

    ``KnowledgeGraph(dataset)`` serves an rdflib dataset from memory; ``KnowledgeGraph.open(spec)``
    opens any store. Views are cached per ``version`` and rebuilt after ``touch()``, which
    writers call after a change.
    """

    def __init__(self, dataset: Dataset | None = None, *, store: Backend | None = None) -> None:
        if store is None:
            if dataset is None:
                raise TypeError("KnowledgeGraph needs a dataset or a store")
            store = MemoryBackend(dataset)
        self.store = store
        self._views: dict[tuple[str, int], Any] = {}
        self._lock = threading.RLock()  # projection() builds on dataset, both cached views

    @classmethod
    def load(cls, extra: Iterable[Path] = (), *, bundled: bool = True) -> KnowledgeGraph:
        return cls(load_dataset(extra, bundled=bundled))

    @classmethod
    def open(
        cls,
        spec: str = "memory",
        extra: Iterable[Path] = (),
        *,
        bundled: bool = True,
        refresh: float = 60.0,
    ) -> KnowledgeGraph:
        """The graph in the store ``spec`` names (see ``graph.store``; ``extra``: memory only)."""
        return cls(store=open_backend(spec, extra=extra, bundled=bundled, refresh=refresh))

    @property
    def version(self) -> int:
        return self.store.version()

    def touch(self) -> None:
        """Mark the content changed: every view is rebuilt on next use."""
        self.store.touch()
        with self._lock:
            self._views.clear()

    def _view(self, name: str, build: Any) -> Any:
        key = (name, self.version)
        with self._lock:
            if key not in self._views:
                for old in [k for k in self._views if k[0] == name]:
                    del self._views[old]
                self._views[key] = build()
            return self._views[key]

    @property
    def dataset(self) -> Dataset:
        """The content as an rdflib Dataset (for a persistent or remote store: a cached copy)."""
        if isinstance(self.store, MemoryBackend):
            return self.store.dataset()
        return self._view("dataset", self.store.dataset)

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The SPARQL engine: an Oxigraph store (memory, oxigraph:PATH) or a remote stand-in."""
        return self._view("oxigraph", self.store.engine)

    def projection(self) -> nx.MultiDiGraph:
        """The networkx projection every lookup and export uses (see ``graph.project``)."""
        from .project import project

        return self._view("projection", lambda: project(self.dataset))
