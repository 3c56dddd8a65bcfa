"""``fazhi search``, ``fazhi linkage`` and ``fazhi paths`` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph.cli import main

from .conftest import COURT, FUYUAN, HERE, RULES, TEST_DATA

DATA = [
    "--no-bundled",
    "--data",
    str(TEST_DATA / "tiny.ttl"),
    "--data",
    str(HERE / "data" / "linkage.ttl"),
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, *DATA])
    return result.exit_code, result.output


def test_search_table_and_json() -> None:
    code, out = run("search", "府院联动")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "class", "label", "label_en", "match"]
    assert lines[2].startswith(FUYUAN)
    code, out = run("search", "府院联动", "--class", "PolicyDocument", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == [RULES]


def test_linkage_table_and_json() -> None:
    code, out = run("linkage", "行政复议")
    assert code == 0
    assert "成效数据" in out and "17 件" in out and "16个" in out
    code, out = run("linkage", FUYUAN, "--format", "json")
    data = json.loads(out)
    assert data["kind"] == "mechanism" and data["entity"]["id"] == FUYUAN


def test_paths_table_and_json() -> None:
    code, out = run("paths", "府院联动", "市人民法院")
    assert code == 0
    assert "府院联动机制 —由…确立→ 《关于建立府院联动机制的工作规则》 —印发→ 市人民法院" in out
    code, out = run("paths", FUYUAN, COURT, "--max-length", "2", "-k", "2", "--format", "json")
    data = json.loads(out)
    assert [p["length"] for p in data["paths"]] == [1, 2]


def test_unknown_id_exits_nonzero_with_suggestions() -> None:
    code, out = run("linkage", "府院联")
    assert code == 1
    assert "no resource matches" in out and FUYUAN in out


def test_ambiguous_label_lists_candidates() -> None:
    code, out = run("paths", "市政府", "市人民法院")
    assert code == 1
    assert "fzid:org/tiny-gov" in out and "fzid:org/fix-gov" in out


def test_bad_max_length_exits_2() -> None:
    code, out = run("paths", FUYUAN, COURT, "--max-length", "99")
    assert code == 2 and "max_length" in out
