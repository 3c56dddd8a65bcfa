"""Every figure, 《title》 and “term” printed in the Yanji 2020 report is in the graph.

The checker reads the source text itself. A figure (an Arabic number and its measure word)
is covered by an observation with that value and unit whose source sentence spans the
printed figure and contains it verbatim; when one sentence prints the same figure twice
(4件 … 4件), it needs as many observations. A title or quoted term is covered by a label
equal to it (NFKC). Whatever is left must be on the exclusion lists below, with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest

from graph.kg import KnowledgeGraph
from graph.paths import SOURCES_DIR

SOURCE = SOURCES_DIR / "yanji-2020.txt"
# rdflib 7.6 calls its own deprecated Dataset API while querying (not our code).

# Longest first, so 户次 wins over 户 and 人次 over 人.
MEASURE_WORDS = ("户次", "人次", "件", "项", "个", "条", "户", "人", "起", "%")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(\s*)(" + "|".join(MEASURE_WORDS) + ")")
TITLE = re.compile(r"《([^》]+)》")
TERM = re.compile(r"“([^”]+)”")

# Arabic numbers that are not figures: (number, the text right after it, reason).
EXCLUDED_NUMBERS = {
    ("2020", "年"): "year: the report year (2020年, 2020年度), modelled as fzid:period/2020",
    (
        "2019",
        "—",
    ): "year: start of the period 2019—2020 in a document title (fzid:period/2019-2020)",
    ("2021", "年"): "year: the planning year of the 2021 tasks (fzid:period/2021)",
}
# Quoted terms that name nothing: (term, reason).
EXCLUDED_TERMS = {
    "新台阶": "rhetoric ('a new level'), not a named term; kept in fz:reportedOutcome of "
    "fzc:mech-normative-doc-filing",
    "抽查一部分、警示一大片、规范全行业": "a slogan describing the effect of 双随机、一公开; "
    "kept verbatim as fz:reportedOutcome of fzc:mech-double-random",
}

OBSERVATIONS = """
PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
SELECT ?obs ?value ?unitLabel ?begin ?end ?anchor WHERE {
  ?obs a fz:Observation ; sdmx-measure:obsValue ?value ;
       sdmx-attribute:unitMeasure/skos:prefLabel ?unitLabel ; prov:wasDerivedFrom ?s .
  FILTER(lang(?unitLabel) = "zh")
  ?s a fz:ReportSentence ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
}
"""
LABELS = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE {
  ?x rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel|eli:title ?label .
}
"""
LITERALS = "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"


@dataclass(frozen=True)
class Evidence:
    obs: str
    value: Decimal
    unit: str
    begin: int
    end: int
    anchor: str


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def evidence(kg: KnowledgeGraph) -> list[Evidence]:
    return [
        Evidence(
            str(r.obs),
            Decimal(str(r.value)),
            str(r.unitLabel),
            int(r.begin),
            int(r.end),
            str(r.anchor),
        )
        for r in kg.dataset.query(OBSERVATIONS)
    ]


def labels(kg: KnowledgeGraph) -> set[str]:
    return {nfkc(str(r[0])) for r in kg.dataset.query(LABELS)}


def missing(text: str, facts: list[Evidence], names: set[str]) -> list[str]:
    """What the text prints that neither the graph nor the exclusion lists account for."""
    problems: list[str] = []
    figures = {m.start(): m for m in FIGURE.finditer(text)}
    wanted: Counter[tuple[int, int, Decimal, str, str]] = Counter()
    for number in NUMBER.finditer(text):
        start = number.start()
        figure = figures.get(start)
        if figure is None:
            after = text[number.end() : number.end() + 1]
            if (number.group(), after) not in EXCLUDED_NUMBERS:
                problems.append(f"number {number.group()}{after!r} at {start}: no measure word")
            continue
        value, unit, printed = Decimal(figure.group(1)), figure.group(3), figure.group()
        spans = [(e.begin, e.end, e.anchor) for e in facts if e.begin <= start < e.end]
        if not spans:
            problems.append(f"figure {printed!r} at {start}: no observation's sentence spans it")
            continue
        for begin, end, anchor in set(spans):
            wanted[(begin, end, value, unit, anchor)] += 1
            if printed not in anchor:
                problems.append(f"figure {printed!r} at {start}: sentence text does not contain it")
    for (begin, end, value, unit, _), count in wanted.items():
        have = {
            e.obs for e in facts if (e.begin, e.end, e.value, e.unit) == (begin, end, value, unit)
        }
        if len(have) < count:
            problems.append(
                f"figure {value}{unit} printed {count}x in [{begin}, {end}) "
                f"but {len(have)} observation(s)"
            )
    for match in TITLE.finditer(text):
        if nfkc(match.group(1)) not in names:
            problems.append(f"title 《{match.group(1)}》 has no label")
    for match in TERM.finditer(text):
        term = match.group(1)
        if nfkc(term) not in names and term not in EXCLUDED_TERMS:
            problems.append(f"term “{term}” has no label")
    return problems


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def facts(real_kg: KnowledgeGraph) -> list[Evidence]:
    return evidence(real_kg)


@pytest.fixture(scope="module")
def names(real_kg: KnowledgeGraph) -> set[str]:
    return labels(real_kg)


def test_every_figure_title_and_term_is_in_the_graph(source_text, facts, names):
    assert missing(source_text, facts, names) == []


def test_the_checker_sees_what_it_should(source_text):
    assert len(FIGURE.findall(source_text)) == 51  # 53 observations: "100%" is three rates
    assert len(TITLE.findall(source_text)) == 13
    titles = set(TITLE.findall(source_text))
    assert len(titles) == 13  # 12 documents; 《实施方案》 refers back to the provincial COVID plan
    assert "实施方案" in titles
    assert "推进剖析整改被纠错案件工作有关事项的通知" in TERM.findall(source_text)


def test_exclusions_are_all_used(source_text):
    followers = {
        (m.group(), source_text[m.end() : m.end() + 1]) for m in NUMBER.finditer(source_text)
    }
    assert set(EXCLUDED_NUMBERS) <= followers
    assert set(EXCLUDED_TERMS) <= set(TERM.findall(source_text))


def test_excluded_terms_are_still_recorded_somewhere(real_kg):
    literals = [str(r[0]) for r in real_kg.dataset.query(LITERALS)]
    for term in EXCLUDED_TERMS:
        assert any(term in literal for literal in literals), term


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t + "\n另办理信访案件77件。", "figure '77件'"),
        (lambda t: t.replace("破获刑事案件736起", "破获刑事案件737起"), "figure 737起"),
        (lambda t: t.replace("抓获逃犯49人", "抓获逃犯49人,其中外省逃犯3人"), "figure '3人'"),
        (
            lambda t: t.replace("政府各类公告2件", "政府各类公告2件、规章4件"),
            "figure 4件 printed 3x",
        ),
        (lambda t: t + "\n全面落实《延吉市不存在的规定》。", "title 《延吉市不存在的规定》"),
        (lambda t: t + "\n推行“最多跑两次”。", "term “最多跑两次”"),
        (lambda t: t + "\n截至2022年", "number 2022'年'"),
    ],
)
def test_the_checker_fails_on_an_edited_copy(source_text, facts, names, edit, expected):
    problems = missing(edit(source_text), facts, names)
    assert any(expected in p for p in problems), problems
