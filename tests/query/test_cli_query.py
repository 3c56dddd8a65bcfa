"""``fazhi query``: the endpoint's checks and formats on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import main

TINY = str(Path(__file__).parent.parent / "data" / "tiny.ttl")
BASE = ["query", "--no-bundled", "--data", TINY]


def invoke(*args: str):
    return CliRunner().invoke(main, [*BASE, *args])


def test_table() -> None:
    result = invoke(
        "SELECT ?l WHERE { <https://w3id.org/fazhi/id/org/tiny-gov> rdfs:label ?l } ORDER BY ?l"
    )
    assert result.exit_code == 0, result.output
    assert "市政府@zh" in result.output and "(2 rows)" in result.output


def test_json_parses_back() -> None:
    result = invoke(
        "--format",
        "json",
        "SELECT ?l WHERE { <https://w3id.org/fazhi/id/org/tiny-gov> rdfs:label ?l }",
    )
    values = {b["l"]["value"] for b in json.loads(result.output)["results"]["bindings"]}
    assert values == {"市政府", "City government"}


def test_construct_is_turtle() -> None:
    result = invoke("CONSTRUCT WHERE { <https://w3id.org/fazhi/id/org/tiny-gov> rdfs:label ?l }")
    assert len(Graph().parse(data=result.output, format="turtle")) == 2


def test_ask() -> None:
    assert invoke("ASK { ?s a fz:Mechanism }").output.strip() == "true"


def test_query_file(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?d WHERE { ?d a fz:PolicyDocument }", encoding="utf-8")
    assert "fzid:doc/tiny-fuyuan-rules" in invoke(str(path)).output


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/> { } }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT",
    ],
)
def test_refused_exit_2(query: str) -> None:
    result = invoke(query)
    assert result.exit_code == 2
    assert "error:" in result.output


def test_truncation_noted() -> None:
    result = invoke("--max-rows", "3", "--format", "csv", "SELECT * { ?s ?p ?o }")
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 4  # header + 3 rows
    assert "truncated" in result.stderr
