"""Where the graph lives: ``memory``, ``oxigraph:PATH`` or ``sparql:QUERY_URL[,UPDATE_URL]``.

Every backend answers the same questions: what version is the content at (changes on every
write), an engine to run SPARQL on (a ``pyoxigraph.Store`` or a duck-typed remote one whose
``query`` returns pyoxigraph result objects), the quads of some graphs, and how to replace
graphs atomically. ``graph.writes`` decides *what* to write; backends only know *how*.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import BadRequest

STORE_HELP = "memory | oxigraph:PATH | sparql:QUERY_URL[,UPDATE_URL]"


class Backend(ABC):
    """The interface the knowledge graph, the writes and the CLI use."""

    spec: str
    writable: bool = True

    @abstractmethod
    def version(self) -> int:
        """A number that changes whenever the content changes."""

    @abstractmethod
    def engine(self) -> Any:
        """The SPARQL engine for this process (cached per version by the caller)."""

    def open_engine(self) -> Any:
        """A fresh engine, safe to use in a newly forked process."""
        return self.engine()

    @abstractmethod
    def named_graphs(self) -> list[str]: ...

    @abstractmethod
    def quads(self, graphs: Iterable[str] | None = None) -> Iterator[ox.Quad]:
        """The quads of the given graph keys (IRIs or ``"default"``), or of everything."""

    @abstractmethod
    def write_lock(self) -> AbstractContextManager[None]:
        """Held around validate-then-commit, so writes are serialised."""

    @abstractmethod
    def replace(self, graphs: Mapping[str, Iterable[ox.Triple] | None]) -> None:
        """Set each graph to its triples (None: remove it) in one atomic, durable step."""

    def dataset(self) -> Dataset:
        """The whole content as an rdflib Dataset (the caller caches it per version)."""
        from .rdf import to_rdflib

        return to_rdflib(self.quads())

    def touch(self) -> None:  # noqa: B027 (optional hook)
        """Something outside this process may have changed the content (no-op by default)."""


def open_backend(
    spec: str, *, extra: Iterable[Path] = (), bundled: bool = True, refresh: float = 60.0
) -> Backend:
    """The backend named by a store spec (the ``FAZHI_STORE`` setting)."""
    kind, _, rest = spec.partition(":")
    if kind == "memory" and not rest:
        from ..load import load_dataset
        from .local import MemoryBackend

        return MemoryBackend(load_dataset(extra, bundled=bundled))
    if kind == "oxigraph" and rest:
        from .local import DiskBackend

        return DiskBackend(Path(rest))
    if kind == "sparql" and rest:
        from .remote import SparqlBackend

        query_url, _, update_url = rest.partition(",")
        return SparqlBackend(query_url, update_url or None, refresh=refresh)
    raise BadRequest(f"bad store {spec!r}: use {STORE_HELP}")
