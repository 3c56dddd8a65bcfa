"""Every example query states its question in zh and en, runs on rdflib and pyoxigraph with the
same ordered rows, and returns what the report says."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from graph.paths import EXAMPLES_DIR

FZC = "https://w3id.org/fazhi/concept/"
OBS = "https://w3id.org/fazhi/id/obs/yanji-2020/"
ORGS = "https://w3id.org/fazhi/id/org/"


def zh(text: str) -> tuple[str, str]:
    return (text, "zh")


def check_fuyuan_linked(rows):
    linked = {(d, p.rsplit("#", 1)[-1], label[0]) for d, p, _, label in rows}
    assert ("in", "establishes", "关于建立府院联动机制的工作规则") in linked
    assert ("in", "relatedMechanism", "延吉市府院联动委员会行政争议协调化解中心工作规则") in linked
    assert ("out", "participant", "市政府") in linked
    assert ("out", "participant", "市人民法院") in linked
    assert ("out", "inPolicyArea", "执法司法衔接") in linked


def check_fuyuan_chain(rows):
    assert rows == [
        (zh("市人民法院"), zh("关于建立府院联动机制的工作规则"), zh("府院联动机制"), None),
        (zh("市政府"), zh("关于建立府院联动机制的工作规则"), zh("府院联动机制"), None),
        (
            zh("市人民法院"),
            zh("延吉市府院联动委员会行政争议协调化解中心工作规则"),
            zh("行政争议协调化解中心"),
            zh("延吉市府院联动委员会"),
        ),
        (
            zh("市政府"),
            zh("延吉市府院联动委员会行政争议协调化解中心工作规则"),
            zh("行政争议协调化解中心"),
            zh("延吉市府院联动委员会"),
        ),
    ]


def check_three_systems(rows):
    assert [(r[1][0], r[3][0]) for r in rows] == [
        ("执法全过程记录制度", "执法记载全程留痕"),
        ("行政执法公示制度", "执法信息公示及时全面"),
        ("重大执法决定法制审核制度", "重大执法决定法治审核全覆盖"),
    ]
    assert {r[4] for r in rows} == {FZC + "status-external"}


def check_documents_issuers(rows):
    docs = {r[0] for r in rows}
    assert len(docs) == 13  # 12 titles in 《》 + the quoted 通知
    issuers = {(r[1][0], r[3][0]) for r in rows if r[3]}
    assert ("关于建立府院联动机制的工作规则", "市政府") in issuers
    assert ("关于建立府院联动机制的工作规则", "市人民法院") in issuers
    assert ("延吉市政法机关依法保障促进民营企业健康发展五十条意见", "市委政法委") in issuers
    assert ("推进剖析整改被纠错案件工作有关事项的通知", "州委依法治州办") in issuers
    assert ("2019—2020年法治政府建设示范创建活动实施方案", "省") in issuers
    no_issuer = {r[1][0] for r in rows if r[3] is None}
    assert "吉林省重大行政决策程序暂行规定" in no_issuer
    assert [r[4] for r in rows if r[1][0].startswith("推进剖析")] == [False]


def check_documents_implementers(rows):
    assert (zh("吉林省重大行政决策程序暂行规定"), zh("市政府"), zh("积极贯彻落实")) in rows
    assert (
        zh("关于民营企业及经营者轻微犯罪依法免责免罚清单"),
        zh("各政法机关"),
        zh("严格落实"),
    ) in rows
    assert len(rows) == 9


def check_figures_by_area(rows):
    counts = {label[0]: n for _, label, n in rows}
    assert counts["政务服务"] == 15
    assert counts["行政复议和行政应诉"] == 7
    assert counts["扫黑除恶"] == 5
    assert sum(counts.values()) == 53


def check_reconsideration(rows):
    figures = {r[0][0]: (r[1], r[2][0], r[3]) for r in rows}
    assert figures["受理行政复议案件数"] == (17, "件", "17 件")
    assert figures["行政复议结案数"] == (16, "个", "16个")
    assert figures["行政机关败诉案件数"] == (17, "件", "17件")
    assert figures["行政机关败诉率"] == (Decimal("16.5"), "%", "16.5%")
    assert figures["行政机关负责人出庭应诉率"] == (82, "%", "82%")
    assert figures["一审审结行政诉讼案件数"][0] == 134
    assert figures["非诉行政案件数"][0] == 46


def check_participants(rows):
    assert (zh("府院联动机制"), "participant", zh("市政府")) in rows
    assert (zh("府院联动机制"), "participant", zh("市人民法院")) in rows
    assert (zh("矛盾纠纷多元化解网络体系"), "lead", zh("市公共法律服务中心")) in rows
    assert (zh("扫黑除恶专项斗争"), "participant", zh("公安机关")) in rows


def check_source_sentence(rows):
    assert len(rows) == 53
    by_obs = {r[0].removeprefix(OBS): r for r in rows}
    rate = by_obs["run-once-share"]
    assert rate[2] == "90.25%" and rate[3] == 7 and "占改革事项的90.25%" in rate[7]
    appearance = by_obs["head-court-appearance-rate"]
    assert appearance[7] == "行政机关负责人出庭应诉率82%."
    assert all(r[2] in r[7] for r in rows)


def check_problems_plans(rows):
    kinds = {(r[1], r[2].rsplit("/", 1)[-1]) for r in rows}
    assert kinds == {("problem", n) for n in "123"} | {("task", n) for n in "123"}
    assert (zh("全面依法治市"), "problem") in {(r[0], r[1]) for r in rows}
    assert (zh("全面依法治市"), "task") in {(r[0], r[1]) for r in rows}


def check_breakdown(rows):
    assert rows == [
        (OBS + "normative-docs-cleaned", zh("清理政府规范性文件 39 件"), 39, 3, 39, True)
    ]


def check_subsets(rows):
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (2758, 1562, True),
        (2758, 1088, True),
        (54, 28, True),
        (49, 11, True),
    ]


def check_rates(rows):
    rates = {r[0][0]: r[1:] for r in rows}
    assert rates["“只跑一次”事项占改革事项比例"] == (
        Decimal("90.25"),
        842,
        933,
        FZC + "status-derived",
        False,
    )
    assert rates["行政机关败诉率"] == (Decimal("16.5"), 17, None, None, False)
    assert rates["行政机关负责人出庭应诉率"] == (82, None, None, None, False)
    assert sum(1 for r in rows if r[1] == 100) == 3


def check_derived(rows):
    assert {(r[0].removeprefix(OBS), r[2], r[3], r[6]) for r in rows} == {
        ("reform-items-derived", 933, "round(842 / 0.9025)", 842),
        ("reform-items-derived", 933, "round(842 / 0.9025)", Decimal("90.25")),
    }
    assert {r[4] for r in rows} == {"https://w3id.org/fazhi/id/dataset/yanji-2020-derived"}


def check_bodies(rows):
    types = {r[1][0]: r[2][0] for r in rows}
    assert types["市政府"] == "人民政府"
    assert types["市人民法院"] == "人民法院"
    assert types["延吉市府院联动委员会"] == "议事协调机构"
    assert types["交通运输综合执法队伍"] == "综合执法队伍"
    assert sum(1 for t in types.values() if t == "综合执法队伍") == 5
    assert {r[1][0] for r in rows if r[4] is True} >= {"各政法机关", "公安机关"}
    assert len(rows) == 36


def check_mechanism_outcomes(rows):
    assert (zh("只跑一次"), zh("“只跑一次”事项数"), 842, "842项") in rows
    assert (zh("行政复议"), zh("受理行政复议案件数"), 17, "17 件") in rows
    assert (zh("双随机、一公开"), zh("抽取检查对象数"), 1725, "1725户次") in rows


def check_repeated(rows):
    assert [(v, n) for v, n, _ in rows] == [(2, 2), (4, 4), (15, 2), (17, 2), (36, 2), (115, 2)]
    assert all(n == k for _, n, k in rows)  # same value, different indicators


def check_inferred(rows):
    links = {r[0].rsplit("/", 1)[-1]: (r[1][0], r[2].rsplit("#", 1)[-1], r[3][0]) for r in rows}
    assert links["covid-plan-issuer"][1:] == ("passed_by", "省委全面依法治省委员会")
    assert links["prefecture-office-same-body"] == (
        "州委依法治州办",
        "sameAs",
        "州委全面依法治州委员会办公室",
    )
    assert {r[4] for r in rows} == {FZC + "status-inferred"}


def check_supervision(rows):
    assert rows == [(zh(b), zh("市政府")) for b in ("人大", "审计", "政协", "纪检监察")]


def check_demonstration(rows):
    application = [(r[1], r[2][0]) for r in rows if r[0][0].startswith("申报")]
    assert application == [
        ("applicant", "市政府"),
        ("recipient", "省委依法治省办"),
        ("via", "州委依法治州办"),
    ]
    assert ("document", "法治政府创建指标体系") in {(r[1], r[2][0]) for r in rows}


def check_sentence_facts(rows):
    labels = {r[2][0] for r in rows}
    assert labels >= {"两个规则", "府院联动机制", "市政府", "市人民法院", "行政争议协调化解中心"}


def check_mechanisms_by_area(rows):
    assert (zh("行政执法"), zh("三项制度"), False) in rows
    assert (zh("扫黑除恶"), zh("扫黑除恶专项斗争"), True) in rows
    assert len(rows) == 44


EXPECTATIONS: dict[str, Callable[[list], None]] = {
    "fuyuan-linked": check_fuyuan_linked,
    "fuyuan-chain": check_fuyuan_chain,
    "three-systems-components": check_three_systems,
    "documents-issuers": check_documents_issuers,
    "documents-implementers": check_documents_implementers,
    "figures-by-area": check_figures_by_area,
    "reconsideration-litigation": check_reconsideration,
    "mechanism-participants": check_participants,
    "figure-source-sentence": check_source_sentence,
    "problems-plans-by-area": check_problems_plans,
    "breakdown-check": check_breakdown,
    "subsets": check_subsets,
    "rates": check_rates,
    "derived-values": check_derived,
    "bodies-types": check_bodies,
    "mechanism-outcomes": check_mechanism_outcomes,
    "repeated-values": check_repeated,
    "inferred-links": check_inferred,
    "supervision": check_supervision,
    "demonstration-path": check_demonstration,
    "sentence-facts": check_sentence_facts,
    "mechanisms-by-area": check_mechanisms_by_area,
}


def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.rq"))


def test_every_example_has_an_expectation():
    assert len(example_files()) >= 15
    assert {p.stem for p in example_files()} == set(EXPECTATIONS)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_states_its_question_in_both_languages(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# zh: ") and len(lines[0]) > 8
    assert lines[1].startswith("# en: ") and len(lines[1]) > 8
    assert "ORDER BY" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_returns_what_the_report_says(path: Path, both_engines):
    rows = both_engines(path.read_text(encoding="utf-8"))
    assert rows
    EXPECTATIONS[path.stem](rows)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_example_order_is_total(path: Path, real_kg):
    """No two rows tie on the ORDER BY key, so every engine must return one and the same order."""
    query = path.read_text(encoding="utf-8")
    order = query[query.rindex("ORDER BY") :]
    keys = re.findall(r"\?(\w+)", order)
    result = real_kg.dataset.query(query)
    names = [str(v) for v in result.vars]
    rows = [tuple(row[names.index(k)] for k in keys) for row in result]
    assert len(rows) == len(set(rows)), keys
