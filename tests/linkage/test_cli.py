"""``fazhi search``, ``fazhi linkage`` and ``fazhi paths`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import linkage as lk
from graph.cli import main
from graph.cli.table import table, width
from graph.errors import BadRequest, NotFound

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


def test_linkage_errors_exit_with_their_code_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = CliRunner().invoke(main, ["linkage", "fzid:org/nowhere", *DATA])
    assert result.exit_code == NotFound.exit_code
    assert "no resource matches 'fzid:org/nowhere'" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""

    def refuse(*args: object, **kwargs: object) -> None:
        raise BadRequest("refused for the test")

    monkeypatch.setattr(lk, "linkage", refuse)
    result = CliRunner().invoke(main, ["linkage", FUYUAN, *DATA])
    assert result.exit_code == 2 and "refused for the test" in result.stderr
    assert "Traceback" not in result.output


def test_a_file_that_does_not_load_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    result = CliRunner().invoke(main, ["search", "x", "--no-bundled", "--data", str(broken)])
    assert result.exit_code == 2 and "broken.ttl" in result.stderr
    assert "Traceback" not in result.output


def test_tables_pad_cjk_to_two_columns() -> None:
    text = table(("id", "label"), [("a", "府院联动"), ("bb", None)]).splitlines()
    assert text == ["id  label", "--  --------", "a   府院联动", "bb"]
    assert width("府院 a") == 6
