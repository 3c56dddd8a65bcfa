"""neighbourhood and paths: hops, caps, hubs, real edge directions and readable sentences."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import BadRequest, NotFound
from graph.kg import KnowledgeGraph
from graph.linkage import neighbourhood, paths
from graph.params import bounded_int

from .conftest import COURT, FUYUAN, RECON, RULES


def test_one_hop_lists_direct_links_in_both_directions(kg: KnowledgeGraph) -> None:
    result = neighbourhood(kg, FUYUAN, 1)
    assert set(result) >= {RULES, COURT, "fzid:org/tiny-gov", RECON}
    assert result.distance[RULES] == 1 and result.distance[FUYUAN] == 0
    assert all(d <= 1 for d in result.distance.values())
    edge = next(e for e in result.edges if e["predicate_curie"] == "fz:establishes")
    assert (edge["source"], edge["target"]) == (RULES, FUYUAN)


def test_two_hops_reach_further_and_class_filter_keeps_centre(kg: KnowledgeGraph) -> None:
    result = neighbourhood(kg, COURT, 2, classes=["Organization"])
    assert COURT in result
    assert "fzid:org/tiny-gov" in result
    assert RULES not in result  # a document: filtered out
    assert result.distance["fzid:org/tiny-gov"] == 2


def test_result_is_an_export_selection(kg: KnowledgeGraph) -> None:
    result = neighbourhood(kg, FUYUAN, 1)
    sub = kg.projection().subgraph(result)
    assert set(sub.nodes) == set(result.nodes)


def test_node_cap_is_reported(kg: KnowledgeGraph) -> None:
    result = neighbourhood(kg, RECON, 2, max_nodes=4)
    assert len(result) <= 4 and result.capped
    assert not neighbourhood(kg, RECON, 1).capped


def test_hubs_are_shown_but_not_expanded(kg: KnowledgeGraph) -> None:
    # The reconsideration mechanism has 8 links: with hub_degree=3 it is a hub.
    result = neighbourhood(kg, "fzid:org/p1", 2, hub_degree=3)
    assert RECON in result.hubs
    assert "fzid:org/p2" not in result  # only reachable through the hub
    assert "fzid:org/p2" in neighbourhood(kg, "fzid:org/p1", 2)


@pytest.mark.parametrize("hops", [0, 4, "x", -1])
def test_bad_hops(kg: KnowledgeGraph, hops: object) -> None:
    with pytest.raises(BadRequest) as info:
        neighbourhood(kg, FUYUAN, hops)  # type: ignore[arg-type]
    assert info.value.details["parameter"] == "hops"


def test_unknown_node(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound):
        neighbourhood(kg, "fzid:org/nowhere")


def test_paths_keep_direction_and_read_as_sentences(kg: KnowledgeGraph) -> None:
    result = paths(kg, FUYUAN, COURT, max_length=4, k=5)
    assert result.paths[0]["length"] == 1
    lengths = [p["length"] for p in result.paths]
    assert lengths == sorted(lengths)
    via_rules = next(
        p for p in result.paths if [n["id"] for n in p["nodes"]] == [FUYUAN, RULES, COURT]
    )
    first, second = via_rules["steps"]
    assert first["direction"] == "inverse" and first["predicate_curie"] == "fz:establishes"
    assert (first["source"], first["target"]) == (RULES, FUYUAN)
    assert second["direction"] == "forward" and second["predicate_curie"] == "eli:passed_by"
    assert via_rules["text_zh"] == (
        "府院联动机制 —由…确立→ 《关于建立府院联动机制的工作规则》 —印发→ 市人民法院"
    )
    assert via_rules["text_en"].startswith("government–court linkage mechanism —is established by→")
    assert set(result) >= {FUYUAN, RULES, COURT}


def test_paths_are_simple_and_within_max_length(kg: KnowledgeGraph) -> None:
    graph = kg.projection()
    result = paths(kg, RECON, COURT, max_length=3, k=20)
    assert result.paths
    for path in result.paths:
        nodes = [n["id"] for n in path["nodes"]]
        assert len(set(nodes)) == len(nodes) <= 4
        for step in path["steps"]:
            assert graph.has_edge(step["source"], step["target"], step["predicate_curie"])


def test_shortest_matches_networkx(kg: KnowledgeGraph) -> None:
    graph = nx.Graph(kg.projection().to_undirected())
    expected = nx.shortest_path_length(graph, RECON, COURT)
    assert paths(kg, RECON, COURT, max_length=6, k=1).paths[0]["length"] == expected


def test_inferred_step_is_marked(kg: KnowledgeGraph) -> None:
    step = paths(kg, RECON, FUYUAN, max_length=1, k=1).paths[0]["steps"][0]
    assert step["assertion_status"] == "inferred"
    assert "推断" in step["phrase_zh"] and "inferred" in step["phrase_en"]


def test_no_path_within_max_length_is_empty(kg: KnowledgeGraph) -> None:
    result = paths(kg, "fzid:org/p1", COURT, max_length=1)
    assert result.paths == [] and list(result) == []


def test_paths_do_not_walk_through_hubs(kg: KnowledgeGraph) -> None:
    assert paths(kg, "fzid:org/p1", "fzid:org/p2", max_length=2).paths
    result = paths(kg, "fzid:org/p1", "fzid:org/p2", max_length=2, hub_degree=3)
    assert result.paths == [] and RECON in result.hubs


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [({"max_length": 7}, "max_length"), ({"max_length": 0}, "max_length"), ({"k": 21}, "k")],
)
def test_bad_path_parameters(kg: KnowledgeGraph, kwargs: dict[str, int], parameter: str) -> None:
    with pytest.raises(BadRequest) as info:
        paths(kg, FUYUAN, COURT, **kwargs)  # type: ignore[arg-type]
    assert info.value.details["parameter"] == parameter


def test_same_endpoints_are_bad_request(kg: KnowledgeGraph) -> None:
    with pytest.raises(BadRequest):
        paths(kg, FUYUAN, FUYUAN)


@pytest.mark.parametrize(
    ("value", "low", "high", "message"),
    [
        ("x", 1, 3, "hops must be an integer"),
        (None, 1, 3, "hops must be an integer"),
        ("1.5", 1, 3, "hops must be an integer"),
        ("0", 1, 3, "hops must be between 1 and 3"),
        ("4", 1, 3, "hops must be between 1 and 3"),
        ("0", 1, None, "hops must be at least 1"),
        ("9", None, 3, "hops must be at most 3"),
    ],
)
def test_bounded_int_refuses(value: object, low: int, high: int, message: str) -> None:
    with pytest.raises(BadRequest) as caught:
        bounded_int(value, "hops", low, high)
    assert caught.value.message == message
    assert caught.value.details["parameter"] == "hops"


def test_bounded_int_accepts_the_bounds() -> None:
    assert [bounded_int(v, "k", 1, 3) for v in ("1", " 3 ", 2)] == [1, 3, 2]
    assert bounded_int("1000000", "k", 1, None) == 1000000
