"""The report's real linkages, asserted on the bundled graph (data/graphs/yanji-2020.ttl)."""

from __future__ import annotations

import itertools
import random
from typing import Any

from graph.kg import KnowledgeGraph
from graph.linkage import entity, linkage, normalise, paths, resolve, search
from graph.linktable import NODE_CLASSES
from graph.paths import SOURCES_DIR
from graph.project import local_name

NODE_CLASS_NAMES = {local_name(c) for c in NODE_CLASSES}
PLUMBING_PREFIXES = (
    "fzid:period/",
    "fzc:unit-",
    "fzc:ind-",
    "fzid:report/",
    "fzid:dataset/",
    "fzc:status-",
    "fzc:doctype-",
    "fzc:orgtype-",
    "fzc:level-",
)
SCHEMES = {"fzc:mechanisms", "fzc:areas", "fzc:doctypes", "fzc:orgtypes", "fzc:indicators"}


def section(result: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = [s["items"] for s in result["sections"] if s["key"] == key]
    assert found, (key, [s["key"] for s in result["sections"]])
    return found[0]


def test_fuyuan_reaches_the_court_through_its_rules(real_kg: KnowledgeGraph) -> None:
    fuyuan, court = resolve(real_kg, "府院联动"), resolve(real_kg, "市人民法院")
    graph = real_kg.projection()
    assert graph.nodes[fuyuan]["class"] == "Mechanism"
    result = paths(real_kg, fuyuan, court, max_length=4, k=5)
    assert result.paths, "no path from 府院联动 to 市人民法院"
    through_rules = [
        p
        for p in result.paths
        if any(
            n["class"] == "PolicyDocument" and "府院联动" in n["label"] and "规则" in n["label"]
            for n in p["nodes"][1:-1]
        )
    ]
    assert through_rules, [p["text_zh"] for p in result.paths]
    path = through_rules[0]
    assert "府院联动" in path["text_zh"] and "→ 市人民法院" in path["text_zh"]
    assert path["text_en"]


def test_three_systems_lists_its_three_components(real_kg: KnowledgeGraph) -> None:
    result = linkage(real_kg, resolve(real_kg, "三项制度"))
    components = section(result, "components")
    assert len(components) == 3
    labels = " ".join(c["label"] for c in components)
    assert "公示" in labels and "记录" in labels and "审核" in labels
    assert all(c["class"] == "Mechanism" for c in components)


def test_search_one_window_finds_mechanism_and_plan(real_kg: KnowledgeGraph) -> None:
    results = search(real_kg, "一窗受理")
    classes = {r["class"] for r in results}
    assert "Mechanism" in classes
    plan = normalise("《乡镇、街道便民服务中心“一窗受理、集成服务”改革实施方案》")
    assert any(r["class"] == "PolicyDocument" and normalise(r["label"]) == plan for r in results)


def test_admin_reconsideration_lists_received_and_closed(real_kg: KnowledgeGraph) -> None:
    node = resolve(real_kg, "行政复议")
    assert real_kg.projection().nodes[node]["class"] in {"Mechanism", "Campaign"}
    figures = {(f["value"], f.get("unit_zh")) for f in section(linkage(real_kg, node), "figures")}
    assert (17, "件") in figures
    assert (16, "个") in figures


def test_sentences_quote_the_source(real_kg: KnowledgeGraph) -> None:
    text = (SOURCES_DIR / "yanji-2020.txt").read_text(encoding="utf-8")
    card = entity(real_kg, resolve(real_kg, "关于建立府院联动机制的工作规则"))
    assert card["sentences"]
    for sentence in card["sentences"]:
        assert text[sentence["begin"] : sentence["end"]] == sentence["text"]


def test_plumbing_is_in_the_rdf_but_not_in_the_projection(real_kg: KnowledgeGraph) -> None:
    graph = real_kg.projection()
    classes = {data["class"] for _, data in graph.nodes(data=True)}
    assert classes <= NODE_CLASS_NAMES | {"Resource"}
    for node in graph:
        assert not node.startswith(PLUMBING_PREFIXES) and node not in SCHEMES, node
    observations = [d for _, d in graph.nodes(data=True) if d["class"] == "Observation"]
    assert observations and all("period" in d and "unit" in d for d in observations)


def test_no_default_path_passes_through_plumbing(real_kg: KnowledgeGraph) -> None:
    graph = real_kg.projection()
    sample = random.Random(5).sample(sorted(graph), 30)
    checked = 0
    for a, b in itertools.combinations(sample, 2):
        for path in paths(real_kg, a, b, max_length=4, k=5).paths:
            checked += 1
            for node in path["nodes"]:
                assert node["class"] in NODE_CLASS_NAMES | {"Resource"}, path["text_zh"]
                assert not node["id"].startswith(PLUMBING_PREFIXES), path["text_zh"]
                assert node["id"] not in SCHEMES
    assert checked > 100
