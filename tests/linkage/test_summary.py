"""entity cards, linkage summaries per kind, and rankings."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import BadRequest, NotFound
from graph.kg import KnowledgeGraph
from graph.linkage import entity, linkage, rankings

from .conftest import COURT, FUYUAN, RECON, RULES


def section(result: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = [s for s in result["sections"] if s["key"] == key]
    assert found, (key, [s["key"] for s in result["sections"]])
    items: list[dict[str, Any]] = found[0]["items"]
    return items


def test_entity_card(kg: KnowledgeGraph) -> None:
    card = entity(kg, RULES)
    assert (
        card["class"] == "PolicyDocument"
        and card["label_zh"] == "《关于建立府院联动机制的工作规则》"
    )
    assert card["attributes"]["title_zh"] == "关于建立府院联动机制的工作规则"
    out = {g["predicate_curie"]: g for g in card["outgoing"]}
    assert {r["id"] for r in out["eli:passed_by"]["resources"]} == {COURT, "fzid:org/tiny-gov"}
    assert out["eli:passed_by"]["label_zh"] and out["eli:passed_by"]["count"] == 2
    (sentence,) = card["sentences"]
    assert sentence["text"].startswith("市政府与市人民法院共同印发")
    assert (sentence["begin"], sentence["end"]) == (0, 45)
    assert sentence["paragraph_number"] == 1


def test_entity_incoming_and_alt_labels(kg: KnowledgeGraph) -> None:
    card = entity(kg, "fzc:mech-one-window")
    assert "一窗受理" in card["alt_labels"]
    incoming = {g["predicate_curie"]: g for g in card["incoming"]}
    assert incoming["fz:relatedMechanism"]["resources"][0]["id"] == "fzid:doc/fix-one-window"


def test_entity_groups_are_capped(kg: KnowledgeGraph) -> None:
    card = entity(kg, RECON, limit=2)
    group = next(g for g in card["outgoing"] if g["predicate_curie"] == "fz:participant")
    assert group["count"] == 5 and group["capped"] and len(group["resources"]) == 2


def test_entity_unknown(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound):
        entity(kg, "fzid:doc/none")


def test_mechanism_linkage(kg: KnowledgeGraph) -> None:
    result = linkage(kg, FUYUAN)
    assert result["kind"] == "mechanism"
    assert [i["id"] for i in section(result, "documents")] == [RULES]
    assert {i["id"] for i in section(result, "participants")} == {COURT, "fzid:org/tiny-gov"}


def test_mechanism_figures_with_values_units_and_parts(kg: KnowledgeGraph) -> None:
    result = linkage(kg, RECON)
    figures = {i["id"]: i for i in section(result, "figures")}
    received = figures["fzid:obs/fix/recon-received"]
    assert (received["value"], received["unit_zh"], received["stated_as"]) == (17, "件", "17 件")
    assert figures["fzid:obs/fix/recon-closed"]["value"] == 16
    assert {p["id"] for p in received["parts"]} == {
        "fzid:obs/fix/recon-closed",
        "fzid:obs/fix/recon-open",
    }
    assert [i["id"] for i in section(result, "lead")] == ["fzid:org/fix-bureau"]
    assert len(section(result, "participants")) == 5
    assert [i["id"] for i in section(result, "related")] == [FUYUAN]


def test_document_linkage(kg: KnowledgeGraph) -> None:
    result = linkage(kg, "fzid:doc/fix-one-window")
    assert result["kind"] == "document"
    assert [i["id"] for i in section(result, "implementers")] == ["fzid:org/fix-gov"]
    assert [i["id"] for i in section(result, "mechanisms")] == ["fzc:mech-one-window"]
    assert result["entity"]["attributes"]["implementation_verb_zh"] == "全面推进"


def test_body_linkage(kg: KnowledgeGraph) -> None:
    result = linkage(kg, "fzid:org/fix-bureau")
    assert result["kind"] == "body"
    assert [i["id"] for i in section(result, "leads")] == [RECON]
    assert [i["id"] for i in section(result, "figures")] == ["fzid:obs/fix/recon-received"]
    assert [i["id"] for i in section(result, "parent")] == ["fzid:org/fix-gov"]
    assert [i["id"] for i in section(linkage(kg, COURT), "issued")] == [RULES]


def test_observation_linkage(kg: KnowledgeGraph) -> None:
    result = linkage(kg, "fzid:obs/fix/recon-closed")
    assert result["kind"] == "observation"
    assert [i["id"] for i in section(result, "counts")] == [RECON]
    assert [i["id"] for i in section(result, "totals")] == ["fzid:obs/fix/recon-received"]


def test_generic_linkage_groups_by_predicate(kg: KnowledgeGraph) -> None:
    result = linkage(kg, "fzid:problem/fix/1")
    assert result["kind"] == "generic"
    assert section(result, "out fz:concernsArea")[0]["id"] == "fzc:area-law-based-city"
    assert result["entity"]["attributes"]["period"] == "fzid:period/2020"


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank"])
def test_rankings(kg: KnowledgeGraph, measure: str) -> None:
    result = rankings(kg, measure, ["Mechanism"], limit=3)
    scores = [r["score"] for r in result["results"]]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert all(r["class"] in {"Mechanism", "Campaign"} for r in result["results"])
    if measure == "degree":
        assert result["results"][0]["id"] == RECON


def test_rankings_bad_measure(kg: KnowledgeGraph) -> None:
    with pytest.raises(BadRequest):
        rankings(kg, "closeness")
