"""``graph.ingest`` and ``fazhi ingest``: structure and offsets of a report text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph.cli import main
from graph.ingest import draft, split, split_sentences
from graph.load import report_graph_iri
from graph.namespaces import FZ, NIF
from graph.paths import SOURCES_DIR

SOURCE = SOURCES_DIR / "yanji-2020.txt"
SENTENCE = "https://w3id.org/fazhi/id/report/yanji-2020/p{}-s{}"


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def test_real_report_structure(text):
    structure = split(text)
    assert len(structure.paragraphs) == 36
    assert len(structure.sentences) == 83
    assert [s.slug for s in structure.sections] == [
        "sec-1",
        "sec-1-1",
        "sec-1-2",
        "sec-1-3",
        "sec-1-4",
        "sec-1-5",
        "sec-2",
    ]
    assert structure.paragraphs[0].section is None  # the preamble
    assert structure.paragraphs[16].section == "sec-1-3"  # p17
    assert structure.paragraphs[35].section == "sec-2"  # p36
    for s in structure.sentences:
        assert text[s.begin : s.end] == s.text


def test_real_report_special_cases(text):
    by_id = {(s.paragraph, s.number): s.text for s in split(text).sentences}
    assert by_id[(17, 4)] == "行政机关负责人出庭应诉率82%."  # ASCII full stop ends it
    assert by_id[(17, 5)] == "行政机关败诉17件,败诉率16.5%。"  # decimal point does not
    assert "占改革事项的90.25%。" in by_id[(7, 5)]
    assert by_id[(23, 3)].endswith("构建了新时代大普法工作格局")  # no final 。
    assert by_id[(10, 3)].endswith("推进 。")
    assert by_id[(36, 1)].endswith("全面推进依法治市进程;")  # ASCII semicolon ends it
    assert sum(1 for p, _ in by_id if p == 36) == 4


def test_sentence_splitting_on_synthetic_text():
    # full-width ! ? ; written as escapes so editors cannot normalise them away
    text = "第一句。“第二句\uff01”  第三句\uff1f第四句\uff1b第五句;第六句 值为3.5%.尾句"
    parts = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert parts == [
        "第一句。",
        "“第二句\uff01”",
        "第三句\uff1f",
        "第四句\uff1b",
        "第五句;",
        "第六句 值为3.5%.",
        "尾句",
    ]


def test_headings_in_full_width_brackets():
    structure = split("序言。\n一、基本情况\n（二）第二项\n正文。\n二、问题\n正文。")
    assert [(s.slug, s.paragraph, s.parent) for s in structure.sections] == [
        ("sec-1", 2, None),
        ("sec-1-2", 3, "sec-1"),
        ("sec-2", 5, None),
    ]
    assert [p.section for p in structure.paragraphs] == [
        None,
        "sec-1",
        "sec-1-2",
        "sec-1-2",
        "sec-2",
        "sec-2",
    ]


def test_draft_graph_matches_the_curated_text_layer(text, real_kg):
    drafted = draft("yanji-2020", text)
    sentences = set(drafted.subjects(RDF.type, FZ.ReportSentence))
    assert len(sentences) == 83
    assert len(set(drafted.subjects(RDF.type, FZ.ReportParagraph))) == 36
    assert len(set(drafted.subjects(RDF.type, FZ.ReportSection))) == 7
    curated = real_kg.dataset.graph(report_graph_iri("yanji-2020"))
    for s in sentences:
        for p in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex, FZ.sentenceNumber):
            assert curated.value(s, p) == drafted.value(s, p), (s, p)
    assert URIRef(SENTENCE.format(23, 3)) in sentences


def test_cli_writes_parseable_turtle(tmp_path: Path):
    out = tmp_path / "draft.ttl"
    result = CliRunner().invoke(main, ["ingest", str(SOURCE), "--id", "yanji-2020", "-o", str(out)])
    assert result.exit_code == 0, result.output
    turtle = out.read_text(encoding="utf-8")
    assert "TODO" in turtle
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(set(graph.subjects(RDF.type, FZ.ReportSentence))) == 83
    assert not set(graph.subjects(RDF.type, FZ.Observation))  # structure only, never facts


def test_cli_rejects_a_bad_id():
    result = CliRunner().invoke(main, ["ingest", str(SOURCE), "--id", "Yanji 2020"])
    assert result.exit_code == 2
    assert "slug" in result.output
