"""The loaded knowledge graph: the rdflib dataset plus the views built from it on demand."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

from .load import load_dataset

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph


@dataclass
class KnowledgeGraph:
    """One dataset and its derived views (Oxigraph mirror, networkx projection).

    Views are built lazily and rebuilt after ``touch()``, which writers call after a change.
    """

    dataset: Dataset
    version: int = 0
    _views: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, extra: Iterable[Path] = (), *, bundled: bool = True) -> KnowledgeGraph:
        return cls(load_dataset(extra, bundled=bundled))

    def touch(self) -> None:
        """Mark the dataset changed: every view is rebuilt on next use."""
        with self._lock:
            self.version += 1
            self._views.clear()

    def _view(self, name: str, build: Any) -> Any:
        key = (name, self.version)
        with self._lock:
            if key not in self._views:
                self._views[key] = build()
            return self._views[key]

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """An in-memory Oxigraph store holding the same quads, for fast SPARQL."""
        return self._view("oxigraph", self._build_oxigraph)

    def projection(self) -> nx.MultiDiGraph:
        """The networkx projection every lookup and export uses (see ``graph.project``)."""
        from .project import project

        return self._view("projection", lambda: project(self.dataset))

    def _build_oxigraph(self) -> pyoxigraph.Store:
        import pyoxigraph

        store = pyoxigraph.Store()
        data = self.dataset.serialize(format="nquads", encoding="utf-8")
        store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        return store
