"""``fazhi export``: formats as choices, selections as options, errors as exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main

from .conftest import SPECIAL, TEST_DATA

DATA = [
    "--no-bundled",
    "--data",
    str(TEST_DATA / "tiny.ttl"),
    "--data",
    str(TEST_DATA / "export-specials.ttl"),
]


def test_export_whole_graph_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "g.cyjs"
    result = CliRunner().invoke(main, ["export", "cyjs", *DATA, "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert SPECIAL in {n["data"]["id"] for n in doc["elements"]["nodes"]}


def test_export_a_neighbourhood_to_stdout() -> None:
    result = CliRunner().invoke(main, ["export", "nodelink", *DATA, "--id", SPECIAL, "-o", "-"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    ids = {n["id"] for n in doc["nodes"]}
    assert SPECIAL in ids and "fzid:org/tiny-gov" in ids and len(ids) < 10


def test_export_an_id_file(tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text(f"{SPECIAL}\nfzid:org/tiny-gov\n", encoding="utf-8")
    out = tmp_path / "g.zip"
    result = CliRunner().invoke(main, ["export", "neo4j", *DATA, "--ids", str(ids), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_unknown_format_and_id_fail_cleanly() -> None:
    result = CliRunner().invoke(main, ["export", "xlsx", *DATA])
    assert result.exit_code == 2 and "gexf" in result.output
    result = CliRunner().invoke(
        main, ["export", "gexf", *DATA, "--id", "fzid:org/nowhere", "-o", "-"]
    )
    assert result.exit_code == 1 and "nowhere" in result.output
    assert "Traceback" not in result.output


def test_help_lists_the_formats() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    assert "graphml" in result.output and "neo4j-admin" in result.output
