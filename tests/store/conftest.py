"""Fixtures for the store and write tests: a small conforming report graph, fresh stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.kg import KnowledgeGraph
from graph.store.rdf import sorted_nquads

HERE = Path(__file__).parent
REPORT = HERE / "report.ttl"  # conforms to the shapes; one report, one sentence, two bodies
GRAPH = "https://w3id.org/fazhi/id/graph/tiny"
GOV = "https://w3id.org/fazhi/id/org/tiny-gov"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
FZ = "https://w3id.org/fazhi/ontology#"
# A document without its source sentence: fzsh:PolicyDocument-source must fire.
BAD_INSERT = (
    f"PREFIX fz: <{FZ}> INSERT DATA {{ GRAPH <{GRAPH}> "
    "{ <https://w3id.org/fazhi/id/doc/x> a fz:PolicyDocument } }"
)


def comment_update(text: str, graph: str = GRAPH) -> str:
    return f'INSERT DATA {{ GRAPH <{graph}> {{ <{GOV}> <{RDFS}comment> "{text}" }} }}'


def canonical(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE, graph: str = GRAPH) -> bytes:
    """``data`` as an Oxigraph store holds it (datatypes canonicalised), as sorted N-Quads."""
    store = ox.Store()
    store.load(data, format=fmt, to_graph=ox.NamedNode(graph))
    return sorted_nquads(store)


@pytest.fixture()
def memory_kg() -> KnowledgeGraph:
    """The ontology only, in memory (no bundled reports)."""
    return KnowledgeGraph.load(bundled=False)


@pytest.fixture()
def disk_kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    yield KnowledgeGraph.open(f"oxigraph:{tmp_path / 'store'}")


@pytest.fixture(params=["memory", "oxigraph"])
def any_kg(request: pytest.FixtureRequest, tmp_path: Path) -> KnowledgeGraph:
    if request.param == "memory":
        return KnowledgeGraph.load(bundled=False)
    return KnowledgeGraph.open(f"oxigraph:{tmp_path / 'store'}")


def dump(kg: KnowledgeGraph) -> bytes:
    return sorted_nquads(kg.store.quads())
