"""search and resolve: labels in both languages, marks ignored, ranked, 404/409 with help."""

from __future__ import annotations

import pytest

from graph.errors import BadRequest, Conflict, NotFound
from graph.kg import KnowledgeGraph
from graph.linkage import normalise, resolve, search

from .conftest import COURT, FUYUAN, RULES


def ids(results: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《关于建立府院联动机制的工作规则》", "关于建立府院联动机制的工作规则"),
        ("“一窗受理”", "一窗受理"),
        ("ＡＢＣ １７", "abc17"),  # NFKC: full-width letters and digits
        ("City  Court", "citycourt"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_exact_beats_prefix_beats_substring(kg: KnowledgeGraph) -> None:
    results = search(kg, "府院联动机制")
    assert results[0]["id"] == FUYUAN and results[0]["match"] == "exact"
    assert RULES in ids(results)
    assert results[ids(results).index(RULES)]["match"] == "substring"


def test_search_ignores_title_marks_and_quotes(kg: KnowledgeGraph) -> None:
    for text in ("关于建立府院联动机制的工作规则", "《关于建立府院联动机制的工作规则》"):
        assert search(kg, text)[0]["id"] == RULES
    quoted = "乡镇、街道便民服务中心一窗受理、集成服务改革实施方案"
    assert search(kg, quoted)[0]["id"] == "fzid:doc/fix-one-window"


def test_search_finds_alternative_and_hidden_labels(kg: KnowledgeGraph) -> None:
    results = search(kg, "一窗受理")
    assert results[0]["id"] == "fzc:mech-one-window"
    assert "fzid:doc/fix-one-window" in ids(results)
    assert search(kg, "综合窗口改革")[0]["id"] == "fzc:mech-one-window"


def test_search_english_case_insensitive(kg: KnowledgeGraph) -> None:
    assert search(kg, "city people's COURT")[0]["id"] == COURT


def test_class_filter_and_limit(kg: KnowledgeGraph) -> None:
    results = search(kg, "府院联动", classes=["PolicyDocument"])
    assert ids(results) == [RULES]
    assert all(r["class"] in {"Mechanism", "Campaign"} for r in search(kg, "制度", ["Mechanism"]))
    assert len(search(kg, "参与单位", limit=2)) == 2
    with pytest.raises(BadRequest) as info:
        search(kg, "府院", classes=["NoSuchClass"])
    assert "PolicyDocument" in info.value.details["known_classes"]


def test_empty_search_is_bad_request(kg: KnowledgeGraph) -> None:
    with pytest.raises(BadRequest):
        search(kg, "《》 ")


@pytest.mark.parametrize(
    "text",
    [
        "fzid:org/tiny-court",
        "https://w3id.org/fazhi/id/org/tiny-court",
        "市人民法院",
        "City People's Court",
        " city people’s court ",
    ],
)
def test_resolve_accepts_curie_iri_and_labels(kg: KnowledgeGraph, text: str) -> None:
    assert resolve(kg, text) == COURT


def test_resolve_prefers_preferred_label_over_alt(kg: KnowledgeGraph) -> None:
    assert resolve(kg, "一窗受理") == "fzc:mech-one-window"
    assert resolve(kg, "关于建立府院联动机制的工作规则") == RULES


def test_unknown_is_404_with_suggestions(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound) as info:
        resolve(kg, "府院联")
    assert info.value.status == 404
    assert FUYUAN in ids(info.value.details["suggestions"])


def test_typo_gets_similar_suggestions(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound) as info:
        resolve(kg, "府院联系机制")
    assert FUYUAN in ids(info.value.details["suggestions"])


def test_unknown_curie_is_404(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound):
        resolve(kg, "fzid:org/nowhere")


def test_ambiguous_label_is_409_with_candidates(kg: KnowledgeGraph) -> None:
    with pytest.raises(Conflict) as info:
        resolve(kg, "市政府")
    assert info.value.status == 409
    assert set(ids(info.value.details["candidates"])) == {"fzid:org/tiny-gov", "fzid:org/fix-gov"}
