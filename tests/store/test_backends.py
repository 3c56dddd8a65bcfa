"""Store backends: memory and oxigraph:PATH answer alike; versions, snapshots, dumps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

from graph.errors import BadRequest
from graph.kg import KnowledgeGraph
from graph.load import ONTOLOGY_GRAPH
from graph.store import open_backend
from graph.store.rdf import parse_triples

from .conftest import GRAPH, REPORT, canonical, dump

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _report() -> list[ox.Triple]:
    return parse_triples(REPORT.read_bytes(), ox.RdfFormat.TURTLE, max_triples=10_000)


def _count(kg: KnowledgeGraph) -> int:
    rows = kg.oxigraph.query(COUNT)
    assert isinstance(rows, ox.QuerySolutions)
    return int(next(iter(rows))[0].value)  # type: ignore[union-attr]


@pytest.mark.parametrize("spec", ["nothing", "oxigraph:", "sparql:", "memory:x"])
def test_bad_store_spec_is_refused(spec: str) -> None:
    with pytest.raises(BadRequest, match="bad store"):
        open_backend(spec)


def test_replace_bumps_version_and_refreshes_every_view(any_kg: KnowledgeGraph) -> None:
    before, count = any_kg.version, _count(any_kg)
    any_kg.store.replace({GRAPH: _report()})
    any_kg.touch()
    assert any_kg.version > before
    assert _count(any_kg) == count + len(_report())
    assert GRAPH in any_kg.store.named_graphs()
    assert len(any_kg.dataset.graph(URIRef(GRAPH))) == len(_report())
    any_kg.store.replace({GRAPH: None})
    any_kg.touch()
    assert GRAPH not in any_kg.store.named_graphs()
    assert _count(any_kg) == count


def test_disk_store_keeps_the_data_for_the_next_opener(tmp_path: Path) -> None:
    first = KnowledgeGraph.open(f"oxigraph:{tmp_path}")
    first.store.replace({GRAPH: _report()})
    again = KnowledgeGraph.open(f"oxigraph:{tmp_path}")
    assert dump(again) == canonical(REPORT.read_bytes())
    assert again.version == first.version == 1


def test_a_reader_snapshot_is_old_or_new_never_half(disk_kg: KnowledgeGraph) -> None:
    old = disk_kg.oxigraph  # a read-only snapshot taken before the write
    disk_kg.store.replace({GRAPH: _report()})
    assert len(old) == len(disk_kg.store.engine()) - len(_report())
    assert disk_kg.oxigraph is not old  # the version changed, so the view was reopened
    assert _count(disk_kg) == len(old) + len(_report())


def test_another_process_sees_a_committed_write(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(f"oxigraph:{tmp_path}")
    start = _count(kg)
    script = (
        "import sys, pyoxigraph as ox\n"
        "from graph.store import open_backend\n"
        "from graph.store.rdf import parse_triples\n"
        "b = open_backend('oxigraph:' + sys.argv[1])\n"
        "t = parse_triples(open(sys.argv[2], 'rb').read(), ox.RdfFormat.TURTLE, max_triples=9999)\n"
        "b.replace({sys.argv[3]: t})\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path), str(REPORT), GRAPH], check=True)
    assert kg.version == 1
    assert _count(kg) == start + len(_report())


def test_memory_store_serves_the_dataset_it_was_given(memory_kg: KnowledgeGraph) -> None:
    dataset = memory_kg.dataset
    assert memory_kg.dataset is dataset  # no copy until something is written
    assert len(memory_kg.oxigraph) == len(dataset)
    # Tests and tools may still edit the dataset in place and touch(): the mirror follows.
    dataset.graph(URIRef(GRAPH)).parse(REPORT)
    memory_kg.touch()
    assert _count(memory_kg) == len(dataset)


def test_materialised_dataset_matches_the_store(disk_kg: KnowledgeGraph) -> None:
    reference = KnowledgeGraph.load(bundled=False)
    disk_kg.store.replace({str(ONTOLOGY_GRAPH): [q.triple for q in reference.store.quads()]})
    ours = disk_kg.dataset.graph(ONTOLOGY_GRAPH)
    theirs = reference.dataset.graph(ONTOLOGY_GRAPH)
    assert isomorphic(ours, theirs)
