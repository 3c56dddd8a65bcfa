"""``fazhi load`` and ``fazhi dump`` against an on-disk store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from graph.cli import main
from graph.load import ONTOLOGY_GRAPH
from graph.store.rdf import sorted_nquads

from .conftest import GRAPH, REPORT, canonical

BAD = b"""@prefix fz: <https://w3id.org/fazhi/ontology#> .
<https://w3id.org/fazhi/id/doc/x> a fz:PolicyDocument .
"""


def _run(*args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes


def test_load_then_dump_round_trips(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'store'}"
    code, _ = _run("load", str(REPORT), "--graph", "tiny", "--store", spec)
    assert code == 0
    code, nquads = _run("dump", "--store", spec, "--format", "nquads")
    assert code == 0 and nquads == canonical(REPORT.read_bytes())
    assert _run("dump", "--store", spec, "--format", "nquads")[1] == nquads  # stable bytes
    code, trig = _run("dump", "--store", spec, "--graph", GRAPH)
    assert code == 0 and b"@prefix fz:" in trig
    assert sorted_nquads(ox.parse(trig, format=ox.RdfFormat.TRIG)) == nquads


def test_load_bundled_puts_the_ontology_in_its_graph(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'store'}"
    assert _run("load", "--bundled", "--no-validate", "--store", spec)[0] == 0
    code, nquads = _run(
        "dump", "--store", spec, "--graph", str(ONTOLOGY_GRAPH), "--format", "nquads"
    )
    assert code == 0 and nquads.count(b"\n") > 1000


def test_a_non_conforming_file_loads_nothing(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'store'}"
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(BAD)
    code, report = _run("load", str(REPORT), str(bad), "--graph", "tiny", "--store", spec)
    assert code == 1
    assert b"PolicyDocument-source" in report
    assert _run("dump", "--store", spec, "--format", "nquads")[1] == b""


def test_load_refuses_the_memory_store_and_bad_files(tmp_path: Path) -> None:
    assert _run("load", str(REPORT), "--store", "memory")[0] == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    result = CliRunner().invoke(
        main, ["load", str(broken), "--store", f"oxigraph:{tmp_path / 's'}"]
    )
    assert result.exit_code == 2 and "does not load" in result.output


def test_quad_files_keep_their_graph_names(tmp_path: Path) -> None:
    store = ox.Store()
    store.load(REPORT.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH))
    trig = tmp_path / "report.trig"
    trig.write_bytes(store.dump(format=ox.RdfFormat.TRIG) or b"")
    spec = f"oxigraph:{tmp_path / 'store'}"
    assert _run("load", str(trig), "--store", spec)[0] == 0
    assert _run("dump", "--store", spec, "--format", "nquads")[1] == canonical(REPORT.read_bytes())
