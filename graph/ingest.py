"""Draft the structural layer of a report graph from its plain text.

A report file holds one paragraph per line. ``split`` cuts it into sections (the ``一、`` and
``(一)`` headings), paragraphs and sentences, with Python ``str`` code-point offsets into the
file, so ``text[begin:end] == sentence.text``. ``render`` writes that structure as Turtle in
reading order (report, sections, then each paragraph followed by its sentences) and ``draft``
returns it as an rdflib graph. Facts are never drafted: a curator adds them by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph

from .namespaces import FZID, PREFIXES

# Sentence-final marks: 。 and the full-width and ASCII semicolon, exclamation and question marks.
# An ASCII "." ends a sentence unless it sits between two digits (90.25), as in "82%.行政…".
TERMINATORS = frozenset("\u3002\uff1b;\uff01!\uff1f?.")
# Closing quotes and brackets that belong to the sentence they follow ("…。”").
CLOSERS = frozenset("\u201d\u2019\u300d\u300f\uff09)\u3011")
PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION_HEADING = re.compile(r"^[(\uff08]([一二三四五六七八九十]+)[)\uff09]")
CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
PREFIX_USED = ("fz", "nif", "dcterms", "rdfs", "xsd")


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    number: int
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    number: int
    begin: int
    end: int
    text: str
    section: str | None
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    slug: str  # "sec-1", "sec-1-3"
    heading: str
    paragraph: int  # the heading's own paragraph number
    parent: str | None


@dataclass(frozen=True)
class Structure:
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


def chinese_number(numeral: str) -> int:
    """一..九十九 as an int (enough for headings)."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + CHINESE_DIGITS[numeral[1]]
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return CHINESE_DIGITS[tens] * 10 + (CHINESE_DIGITS[units] if units else 0)
    return CHINESE_DIGITS[numeral]


def _is_terminator(text: str, i: int) -> bool:
    char = text[i]
    if char not in TERMINATORS:
        return False
    if char == ".":
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        return not (before.isdigit() and after.isdigit())
    return True


def split_sentences(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(begin, end) offsets of the sentences in ``text[begin:end]``; outer whitespace dropped."""
    spans: list[tuple[int, int]] = []
    start = begin
    i = begin
    while i < end:
        if _is_terminator(text, i):
            stop = i + 1
            while stop < end and text[stop] in CLOSERS:
                stop += 1
            spans.append((start, stop))
            start = i = stop
            continue
        i += 1
    spans.append((start, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def split(text: str) -> Structure:
    """Sections, paragraphs (one per non-empty line, numbered by line) and sentences."""
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    part: Section | None = None
    current: Section | None = None
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        begin, end = offset, offset + len(line)
        offset = end + 1
        if line.endswith("\r"):
            end -= 1
        if not text[begin:end].strip():
            continue
        stripped = text[begin:end].strip()
        if match := PART_HEADING.match(stripped):
            part = Section(f"sec-{chinese_number(match.group()[:-1])}", stripped, number, None)
            current = part
            sections.append(part)
        elif (match := SUBSECTION_HEADING.match(stripped)) and part is not None:
            slug = f"{part.slug}-{chinese_number(match.group(1))}"
            current = Section(slug, stripped, number, part.slug)
            sections.append(current)
        spans = split_sentences(text, begin, end)
        sentences = tuple(
            Sentence(number, k, a, b, text[a:b]) for k, (a, b) in enumerate(spans, start=1)
        )
        section = current.slug if current else None
        paragraphs.append(Paragraph(number, begin, end, text[begin:end], section, sentences))
    return Structure(tuple(sections), tuple(paragraphs))


def turtle_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _index(value: int) -> str:
    return f'"{value}"^^xsd:nonNegativeInteger'


def render(
    report_id: str, text: str, *, source: str | None = None, title: str | None = None
) -> str:
    """The structural layer as Turtle, in reading order, with a TODO for the facts."""
    structure = split(text)
    base = f"{FZID}report/{report_id}"
    lines = [f"@prefix {p}: <{PREFIXES[p]}> ." for p in PREFIX_USED]
    lines.append(f"@prefix r: <{base}/> .")
    lines += [
        "",
        "# TODO(curator): add the report's facts (documents, mechanisms, bodies, observations),",
        "# each with prov:wasDerivedFrom the sentence nodes below. The draft never invents facts.",
        "",
        f"<{base}> a fz:AnnualReport ;",
        f"    rdfs:label {turtle_string(title or report_id)}@zh, "
        f"{turtle_string(f'report {report_id}')}@en",
    ]
    if source:
        lines[-1] += f" ;\n    dcterms:source {turtle_string(source)}"
    lines[-1] += " ."
    lines.append("")
    for sec in structure.sections:
        parent = f"r:{sec.parent}" if sec.parent else f"<{base}>"
        numbering = sec.slug.removeprefix("sec-").replace("-", ".")
        lines += [
            f"r:{sec.slug} a fz:ReportSection ;",
            f'    rdfs:label {turtle_string(sec.heading)}@zh, "section {numbering}"@en ;',
            f"    dcterms:isPartOf {parent} .",
            "",
        ]
    for para in structure.paragraphs:
        parent = f"r:{para.section}" if para.section else f"<{base}>"
        lines += [
            f"r:p{para.number} a fz:ReportParagraph ;",
            f'    rdfs:label "第{para.number}段"@zh, "paragraph {para.number}"@en ;',
            f"    fz:paragraphNumber {para.number} ;",
            f"    nif:beginIndex {_index(para.begin)} ; nif:endIndex {_index(para.end)} ;",
            f"    dcterms:isPartOf {parent} .",
        ]
        for sent in para.sentences:
            lines += [
                f"r:p{para.number}-s{sent.number} a fz:ReportSentence ;",
                f'    rdfs:label "第{para.number}段第{sent.number}句"@zh, '
                f'"paragraph {para.number}, sentence {sent.number}"@en ;',
                f"    fz:sentenceNumber {sent.number} ;",
                f"    nif:anchorOf {turtle_string(sent.text)} ;",
                f"    nif:beginIndex {_index(sent.begin)} ; nif:endIndex {_index(sent.end)} ;",
                f"    dcterms:isPartOf r:p{para.number} .",
            ]
        lines.append("")
    return "\n".join(lines)


def draft(
    report_id: str, text: str, *, source: str | None = None, title: str | None = None
) -> Graph:
    """The structural layer of ``text`` as an rdflib graph (report down to sentences)."""
    graph = Graph()
    graph.parse(data=render(report_id, text, source=source, title=title), format="turtle")
    return graph
