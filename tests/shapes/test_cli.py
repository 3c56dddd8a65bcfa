"""``fazhi validate``: exit 0 conforms, 1 violations (report on stdout), 2 unloadable file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from graph import paths
from graph.cli import main
from graph.namespaces import SDMX_ATTR

REAL = paths.GRAPHS_DIR / "yanji-2020.ttl"


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_bundled_graph_exits_0() -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms:")


def test_json_report_parses_back() -> None:
    result = run(str(REAL), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["conforms"] is True
    assert report["counts"]["Violation"] == 0
    assert all(r["severity"] != "Violation" for r in report["results"])


def violating_copy(tmp_path: Path) -> Path:
    graph = Graph().parse(REAL)
    obs = next(iter(graph.subjects(SDMX_ATTR.unitMeasure, None)))
    graph.remove((obs, SDMX_ATTR.unitMeasure, None))
    path = tmp_path / "yanji-2020.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_violations_exit_1_with_report_on_stdout(tmp_path: Path) -> None:
    result = run(str(violating_copy(tmp_path)), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    shapes = {
        r["source_shape"].rsplit("#", 1)[-1]
        for r in report["results"]
        if r["severity"] == "Violation"
    }
    assert shapes == {"Observation-unit"}


def test_text_report_in_chinese(tmp_path: Path) -> None:
    result = run(str(violating_copy(tmp_path)), "--lang", "zh")
    assert result.exit_code == 1
    assert "不符合约束" in result.stdout
    assert "fzsh:Observation-unit" in result.stdout
    assert "观测值须有且仅有一个单位" in result.stdout


def test_turtle_report_parses_back(tmp_path: Path) -> None:
    result = run(str(violating_copy(tmp_path)), "--format", "turtle")
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    rows = list(report.query(f"ASK {{ ?r <{sh}conforms> false ; <{sh}result> ?x }}"))
    assert rows == [True]


def test_unloadable_file_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bad.ttl" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr
