"""The Neo4j zip: two CSVs with neo4j-admin import headers, read back with the csv module."""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx

from graph.export.neo4j import rel_type

from .conftest import SPECIAL, SPECIAL_ZH


def _read(data: bytes, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(name).decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_neo4j_csvs_read_back(written: dict[str, bytes], projection: nx.MultiDiGraph) -> None:
    with zipfile.ZipFile(io.BytesIO(written["neo4j"])) as archive:
        assert set(archive.namelist()) == {"nodes.csv", "relationships.csv", "IMPORT.txt"}
    nodes = _read(written["neo4j"], "nodes.csv")
    rels = _read(written["neo4j"], "relationships.csv")
    assert list(nodes[0])[:2] == ["id:ID", ":LABEL"]
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "degree:long" in nodes[0] and "x:double" in nodes[0]
    assert {row["id:ID"] for row in nodes} == set(projection.nodes)
    assert len(rels) == projection.number_of_edges()
    ids = {row["id:ID"] for row in nodes}
    by_id = {row["id:ID"]: row for row in nodes}
    for row in rels:
        assert row[":START_ID"] in ids and row[":END_ID"] in ids
        assert row[":TYPE"] == rel_type(row["predicate_curie"])
    for node, data in projection.nodes(data=True):
        assert by_id[node]["label_zh"].encode() == data["label_zh"].encode()
        assert by_id[node][":LABEL"] == data["class"]
    assert by_id[SPECIAL]["label_zh"] == SPECIAL_ZH
    for row in nodes + rels:
        assert "None" not in row.values() and "nan" not in row.values()


def test_relationship_types_are_plain_identifiers() -> None:
    assert rel_type("fz:participant") == "FZ_PARTICIPANT"
    assert rel_type("eli:passed_by") == "ELI_PASSED_BY"
