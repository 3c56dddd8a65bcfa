"""Files that do not parse are LoadError (exit 2, 400); a bug in a parser is not hidden as one."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.errors import LoadError
from graph.load import parse_into


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bad.ttl", b"<a:s> <a:p> ."),
        ("bad.nt", b"<a:s> <a:p> <a:o>"),
        ("bad.rdf", b"<rdf:RDF><unclosed></rdf:RDF>"),
        ("bad.jsonld", b'{"@id": '),
        ("bad.trig", b"<a:g> { <a:s> <a:p> }"),
        ("bad.nq", b"<a:s> <a:p> <a:o> <a:g>"),
        ("latin1.ttl", "<a:s> <a:p> 'é' .".encode("latin-1")),
    ],
)
def test_unparsable_files_are_load_errors(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError, match=name):
        parse_into(Dataset(), path)


def test_unreadable_paths_are_load_errors(tmp_path: Path) -> None:
    (tmp_path / "dir.ttl").mkdir()
    for path in (tmp_path / "missing.ttl", tmp_path / "dir.ttl"):
        with pytest.raises(LoadError):
            parse_into(Dataset(), path)


def test_a_parser_bug_is_not_reported_as_a_bad_file(tmp_path: Path, monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("parser bug")

    monkeypatch.setattr(Graph, "parse", broken)
    path = tmp_path / "fine.ttl"
    path.write_text("<a:s> <a:p> <a:o> .")
    with pytest.raises(KeyError):
        parse_into(Dataset(), path)
